// The `scenario` command: parse argv and hand over to one command module. Thin on purpose: the
// commands call the same functions the App and the Action call.
import { Command, CommanderError } from "commander";
import { registerCommands } from "./commands/index.ts";
import { formatCliError } from "./errors.ts";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

export function defaultIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/** Runs the CLI and returns the exit code. Never throws for a user error. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  let exitCode = 0;
  const program = new Command("scenario")
    .description("Run routine monorepo changes as checkpointed scenarios.")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerCommands(program, io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    io.stderr(`${formatCliError(error, carriedFlags(argv))}\n`);
    return 1;
  }
}

/** The flags that pick the repository, catalog and store: a suggested command must repeat them. */
export function carriedFlags(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.split("=", 2) as [string, string | undefined];
    if (name !== "--repo" && name !== "--scenarios" && name !== "--database-url") continue;
    const value = inline ?? argv[++i];
    if (value === undefined) continue;
    // A connection string may hold a password: the suggestion names the flag, not the secret.
    out.push(name, name === "--database-url" ? "<url>" : quoteArg(value));
  }
  return out;
}

function quoteArg(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}
