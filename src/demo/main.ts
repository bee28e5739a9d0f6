// `npm run demo`: the whole story on a throw-away copy of examples/monorepo, with the embedded database
// (no server needed). Three runs succeed (one pauses on a manual step, gets ticked and resumed), one is
// made to fail and rolls back. Everything goes through the `scenario` CLI, as a person would type it.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type CliIo, main } from "../cli/main.ts";

const EXAMPLE = fileURLToPath(new URL("../../examples/monorepo", import.meta.url));
const RUN_LINE = /^Run (\d{8}-[0-9a-z]{6}):/m;

export interface DemoOptions {
  /** Where to print. */
  write: (text: string) => void;
  /** Parent of the demo folder (default: the system temp folder). */
  parent?: string;
}

export interface DemoResult {
  repo: string;
  runs: { label: string; runId: string; exitCode: number }[];
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { write } = options;
  const repo = path.join(mkdtempSync(path.join(options.parent ?? tmpdir(), "scenario-demo-")), "monorepo");
  cpSync(EXAMPLE, repo, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=scenario demo", "-c", "user.email=demo@localhost", ...args], {
      cwd: repo,
      encoding: "utf8",
    }).trim();
  git("init", "-q", "-b", "main");
  git("config", "user.name", "scenario demo");
  git("config", "user.email", "demo@localhost");
  git("add", "-A");
  git("commit", "-q", "-m", "The example monorepo");
  write(`Demo repository: ${repo} (a copy of examples/monorepo, one commit on main)\n`);

  const env = { ...process.env };
  delete env.DATABASE_URL;
  const scenario = async (label: string, ...argv: string[]) => {
    write(`\n=== ${label}\n$ scenario ${argv.join(" ")}\n`);
    let out = "";
    const io: CliIo = {
      stdout: (text) => {
        out += text;
        write(text);
      },
      stderr: (text) => write(text),
      cwd: repo,
      env,
      isTTY: false,
    };
    const exitCode = await main(argv, io);
    return { exitCode, out, runId: RUN_LINE.exec(out)?.[1] ?? "" };
  };

  const runs: DemoResult["runs"] = [];
  const record = (label: string, r: { runId: string; exitCode: number }) => {
    runs.push({ label, runId: r.runId, exitCode: r.exitCode });
    return r;
  };

  record(
    "shared service",
    await scenario("1. A shared service", "run", "create-shared-service", "name=billing-service"),
  );
  record(
    "cli command",
    await scenario(
      "2. A command in the content CLI pipeline",
      "run",
      "add-cli-command",
      "domain=content",
      "command=sync-documents",
    ),
  );

  const rls = record(
    "rls policies",
    await scenario(
      "3. Row level security on users (pauses on a manual review)",
      "run",
      "add-rls-policies",
      "table=users",
    ),
  );
  if (rls.runId) {
    const taskFile = path.join(repo, ".scenario", "tasks", `${rls.runId}.md`);
    write(`\n--- the task file a person ticks: ${taskFile}\n${readFileSync(taskFile, "utf8")}`);
    writeFileSync(taskFile, readFileSync(taskFile, "utf8").replaceAll("- [ ]", "- [x]"));
    write("--- (the demo ticked every box, as the data owner would)\n");
    record("rls policies, resumed", await scenario("3b. Resume after the review", "resume", rls.runId));
  }

  // A script whose output names where it lives: moved into the pipeline with its output compared, the
  // first step sees the difference and the run rolls back. (add-cli-command no longer runs the wrapper
  // it checks, so a broken help cannot fail it: dhg-mono's wrappers need .env files to answer.)
  git("checkout", "-q", "-b", "demo/location-dependent");
  writeFileSync(
    path.join(repo, "scripts", "root", "where-am-i.sh"),
    '#!/usr/bin/env bash\n# Prints the path it was run as (its users parse it).\necho "where-am-i: $0"\n',
  );
  git("add", "-A");
  git("commit", "-q", "-m", "Demo: a script whose output names its own path");
  git("checkout", "-q", "main");
  record(
    "made to fail",
    await scenario(
      "4. A run made to fail (the script's output changes when it moves): it rolls back",
      "run",
      "migrate-script-to-pipeline",
      "script=scripts/root/where-am-i.sh",
      "domain=content",
      "command=where-am-i",
      "compare_output=yes",
      "--base",
      "demo/location-dependent",
    ),
  );

  await scenario("All runs", "runs");
  write(`\n=== Where to look
  cd ${repo}
  git branch --list 'scenario/*'        one branch per run
  git log --format='%h %s%n%(trailers:key=Scenario-Run,key=Scenario-Step)' <branch>
                                        one commit per step, trailers name the run and step
  git show <branch>:docs/continuous-improvement/execution-log.md
  ls .scenario/tasks                    the manual steps' task files
  npx scenario status <run> --repo ${repo}
The failed run's branch points at its base again; \`git status\` on main is clean: ${git("status", "--porcelain") === "" ? "yes" : "NO"}.
`);
  return { repo, runs };
}

if (import.meta.main) {
  const result = await runDemo({ write: (text) => process.stdout.write(text) });
  const expected = ["0", "0", "0", "0", "1"];
  const got = result.runs.map((r) => String(r.exitCode));
  if (got.join() !== expected.join()) {
    process.stderr.write(
      `demo: unexpected outcomes (exit codes ${got.join(", ")}, expected ${expected.join(", ")})\n`,
    );
    process.exitCode = 1;
  }
}
