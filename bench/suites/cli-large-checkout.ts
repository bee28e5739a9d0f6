// `scenario run` in a monorepo-sized checkout, where the worktree is most of what a short run waits on:
// a new worktree writes every file of the commit (dhg-mono's 2,536, ~38 MB). From the second run on a
// run starts from the spare worktree the last one left (src/local/spare-worktree.ts), rewriting only
// what differs. Beside the floor every run paid before: `git worktree add` of the same commit.
// `npm run bench -- checkout` runs only these rows.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Benchmark } from "../lib.ts";
import { BIN, envFor, NODE, rows, scratch, series } from "../support/cli-series.ts";
import { timeProcess } from "../support/time-process.ts";

/** As many files as dhg-mono, of its average size. */
const FILES = 2500;
const FILE_BYTES = 15_000;
const ROUNDS = 5;

const DOCUMENT = `# Scenario: One note

Writes one file: the large-checkout benchmark.

## Metadata
- **ID**: \`one-note\`
- **Object Type**: infra
- **Complexity**: simple
- **Automation**: 100%
- **Dependencies**: none

## Parameters
- \`tag\` (required): The note's name. Pattern: \`^[a-z0-9-]+$\`. Example: \`r1\`

## Steps
1. **Write the note** [automated]
   \`\`\`text file=notes/{tag}.txt
   note {tag}
   \`\`\`

## Post-Validation
1. [ ] The note exists
   \`\`\`bash check
   test -f "notes/{tag}.txt"
   \`\`\`

## Rollback
1. **Remove it**
   \`\`\`bash
   rm -f "notes/{tag}.txt"
   \`\`\`
`;

/** A repository of FILES files in 50 packages, committed once, with the document above. */
function largeRepo(env: NodeJS.ProcessEnv): string {
  const dir = scratch();
  const line = "export const value = 'a line of a source file in a package of the monorepo';\n";
  const body = line.repeat(Math.ceil(FILE_BYTES / line.length));
  for (let i = 0; i < FILES; i++) {
    const folder = join(dir, "packages", `p${i % 50}`, "src");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `f${i}.ts`), `// file ${i}\n${body}`);
  }
  mkdirSync(join(dir, "scenarios"));
  writeFileSync(join(dir, "scenarios", "one-note.md"), DOCUMENT);
  writeFileSync(join(dir, ".gitignore"), ".scenario/\n.cache/\n");
  for (const args of [
    ["init", "-q", "-b", "main"],
    ["add", "-A"],
    ["commit", "-q", "-m", "monorepo"],
  ])
    execFileSync("git", args, { cwd: dir, env, stdio: "ignore" });
  return dir;
}

const largeCheckout: Benchmark = {
  name: "cli: scenario run in a 2,500-file checkout",
  goal: "-",
  run() {},
  async collect() {
    const dir = largeRepo(envFor(""));
    const env = envFor(join(dir, ".cache"));
    const worktree = join(dir, "..", `${dir.split("/").pop()}-worktree`);
    const spare = join(dir, ".git", "scenario-spare");
    const floor = series("cli floor: git worktree add of the 2,500-file checkout (every file written)");
    const fresh = {
      ...series("cli: scenario run, 1 step, 2,500-file checkout, a new worktree", "-", floor.name),
      pairedWith: floor,
    };
    const reused = {
      ...series("cli: scenario run, 1 step, 2,500-file checkout, from the spare worktree", "-", fresh.name),
      pairedWith: fresh,
    };
    let n = 0;
    const run = () => timeProcess(NODE, [BIN, "run", "one-note", `tag=r${++n}`], { cwd: dir, env });
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env, stdio: "ignore" });
    try {
      // Warm-up: the embedded store is created and migrated once, as on a user's first run.
      await run();
      for (let i = 0; i < ROUNDS; i++) {
        floor.samples.push(
          await timeProcess("git", ["worktree", "add", "-q", "--detach", worktree, "main"], {
            cwd: dir,
            env,
          }),
        );
        git("worktree", "remove", "--force", worktree);
        git("worktree", "remove", "--force", spare);
        fresh.samples.push(await run());
        reused.samples.push(await run());
      }
    } finally {
      rmSync(worktree, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
    return rows([floor, fresh, reused]);
  },
};

export default [largeCheckout];
