// The `scenario` command: parse argv and hand over to one command module. Thin on purpose: the
// commands call the same functions the App and the Action call.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { packageRoot } from "../application/repository/package-root.ts";
import { registerCommands } from "./commands/index.ts";
import { type SessionArgs, sessionArgs } from "./commands/run-hints.ts";
import { type Carry, formatCliError } from "./errors.ts";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

export function defaultIo(): CliIo {
  return {
    stdout: writerTo(process.stdout),
    stderr: writerTo(process.stderr),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/**
 * Writes to a stream until its reader goes away (`scenario run ... | head -1`): then the output stops
 * and the command goes on. A closed pipe used to end a run mid-step, leaving it `running`.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

/** The `scenario` command with every subcommand registered. */
export function cliProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command("scenario")
    .description("Run routine monorepo changes as checkpointed scenarios.")
    .version(packageVersion(), "-V, --version", "print the version of scenario-bot")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerCommands(program, io, setExitCode);
  return program;
}

/** Runs the CLI and returns the exit code. Never throws for a user error. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let exitCode = 0;
  const program = cliProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    io.stderr(`${formatCliError(error, carryFor(program, carriedFlags(argv)))}\n`);
    return 1;
  }
}

/**
 * Ends the process with `code` once stdout and stderr have handed over what was written to them.
 * Node's own end, when nothing is left to do, first tears its heap down: ~5 ms of `--help` here, ~20 ms
 * after a 50-step run on the embedded database. Every command has awaited its work and closed its
 * store by the time `main` returns.
 */
export async function exitWith(code: number): Promise<never> {
  await Promise.all(
    [process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write("", done))),
  );
  process.exit(code);
}

/** The flags that pick the repository, catalog and store, as typed: a suggested command repeats them. */
export function carriedFlags(argv: readonly string[]): SessionArgs {
  const flags: SessionArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = (argv[i] as string).split("=", 2) as [string, string | undefined];
    const key = ({ "--repo": "repo", "--scenarios": "scenarios", "--database-url": "databaseUrl" } as const)[
      name as "--repo"
    ];
    if (!key) continue;
    const value = inline ?? argv[++i];
    if (value !== undefined) flags[key] = value;
  }
  return flags;
}

/** For a suggested `scenario <command>`: the carried flags that command accepts, by its definition (a
 * hint from `run` names `show`, which has no --database-url). */
export function carryFor(program: Command, flags: SessionArgs): Carry {
  return (command) => {
    const accepted = program.commands.find((c) => c.name() === command)?.options ?? [];
    const names = new Set(accepted.map((option) => option.attributeName()));
    const kept: SessionArgs = {};
    for (const key of ["repo", "scenarios", "databaseUrl"] as const) {
      const value = flags[key];
      if (value !== undefined && names.has(key)) kept[key] = value;
    }
    return sessionArgs(kept);
  };
}

/** The version in this package's package.json. */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "unknown";
  } catch {
    // A bundle copied away from its package (dist/ alone) still runs; it just cannot say its version.
    return "unknown";
  }
}
