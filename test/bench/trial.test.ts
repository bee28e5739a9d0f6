// `npm run trial` as a process, on a small repository with a tiny catalog: one scenario that waits on
// a manual step (ticked and resumed) and leaves `@acme` in a new top-level folder, one that fails in
// a step, one refused by its pre-condition. The original repository must end as it began.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyCheckout } from "../../bench/trial/checkout.ts";
import { checkoutFingerprint } from "../../src/local/throwaway-clone.ts";
import { gitIn, makeRepo } from "../support/engine-harness.ts";

const TRIAL = path.resolve(import.meta.dirname, "../../bench/trial.ts");
const work = mkdtempSync(path.join(tmpdir(), "trial-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const doc = (id: string, parameters: string, pre: string, steps: string) => `# Scenario: ${id}

A scenario of the trial's test.

## Metadata
- **ID**: \`${id}\`
- **Object Type**: infra
- **Complexity**: simple
- **Automation**: 50%
- **Dependencies**: none

## Parameters
${parameters}

## Pre-Conditions
${pre}

## Steps
${steps}

## Post-Validation
1. [ ] Done

## Rollback
1. **Nothing to undo**
   \`\`\`bash
   true
   \`\`\`
`;

const CATALOG: Record<string, string> = {
  "infra/write-note.md": doc(
    "write-note",
    "- `name` (required): The note. Pattern: `^[a-z]+$`. Example: `first`",
    "1. [ ] Always",
    [
      "1. **Write it** [automated]",
      "   ```md file=notes/{name}.md",
      "   uses @acme/shared",
      "   ```",
      "2. **Read it** [manual]",
      "   - [ ] Someone read `{name}`",
    ].join("\n"),
  ),
  "infra/break-step.md": doc(
    "break-step",
    "- `name` (required): Anything. Pattern: `^[a-z]+$`. Example: `x`",
    "1. [ ] Always",
    [
      "1. **Call the service** [automated]",
      "   ```bash",
      '   echo "starting"',
      '   echo "error: cannot reach the billing service" >&2',
      "   echo 'Node.js v24.0.0' >&2",
      "   exit 3",
      "   ```",
    ].join("\n"),
  ),
  "infra/need-file.md": doc(
    "need-file",
    "- `name` (required): Anything. Pattern: `^[a-z]+$`. Example: `x`",
    [
      "1. [ ] The repository has a settings file",
      "   ```bash check",
      "   test -f settings.yml",
      "   ```",
    ].join("\n"),
    ["1. **Touch it** [automated]", "   ```bash", "   touch settings.yml", "   ```"].join("\n"),
  ),
  "templates/infra-template.md": doc(
    "infra-template",
    "- `name` (required): Anything. Example: `x`",
    "1. [ ] Always",
    "1. **Nothing** [checkpoint]",
  ),
};

function writeCatalog(): string {
  const dir = path.join(work, "scenarios");
  for (const [file, text] of Object.entries(CATALOG)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function trial(...args: string[]) {
  const env = { ...process.env };
  delete env.DATABASE_URL; // the embedded store, as a new user has it
  const result = spawnSync(process.execPath, [TRIAL, ...args], { encoding: "utf8", env, timeout: 600_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run trial", () => {
  it("runs every scenario but templates on a copy, ticks manual steps, and says why each did not succeed", async () => {
    const scenarios = writeCatalog();
    const repo = makeRepo({ "README.md": "# demo\n", "docs/a.md": "a\n" });
    const overrides = path.join(work, "overrides.json");
    writeFileSync(overrides, JSON.stringify({ "write-note": { name: "second" } }));
    const before = await checkoutFingerprint(repo.dir);
    try {
      const { code, stdout, stderr } = trial(repo.dir, overrides, "--scenarios", scenarios, "--json");
      expect(code, stderr).toBe(1);
      const report = JSON.parse(stdout);
      expect(await checkoutFingerprint(repo.dir)).toBe(before);
      expect(report.originalUntouched).toBe(true);
      expect(report.counts).toEqual({ succeeded: 1, failed: 1, refused: 1 });
      const byId = Object.fromEntries(report.entries.map((e: { id: string }) => [e.id, e]));
      expect(Object.keys(byId).sort()).toEqual(["break-step", "need-file", "write-note"]);

      const note = byId["write-note"];
      expect(note).toMatchObject({ outcome: "succeeded", status: "succeeded", ticked: ["2"], reason: [] });
      expect(note.params).toEqual({ name: "second" });
      // The engine's execution log (docs/ exists already) and the note, in a new top-level folder.
      expect(note.diff).toMatchObject({
        files: 2,
        newTopLevel: ["notes"],
        acme: ["notes/second.md: uses @acme/shared"],
      });
      expect(note.diff.stat.join("\n")).toContain("notes/second.md");

      const broken = byId["break-step"];
      expect(broken.outcome).toBe("failed");
      expect(broken.reason[0]).toMatch(
        /^step 1 "Call the service" \(automated\): .*cannot reach the billing service/,
      );
      expect(broken.reason.join("\n")).not.toContain("Node.js v24");
      expect(broken.diff).toMatchObject({ files: 0 });

      const refused = byId["need-file"];
      expect(refused.outcome).toBe("refused");
      expect(refused.reason[0]).toContain("The repository has a settings file");
    } finally {
      repo.cleanup();
    }
  }, 600_000);

  it("prints one line per scenario, and refuses a run without a checkout with its usage", () => {
    const scenarios = writeCatalog();
    const repo = makeRepo();
    try {
      const { code, stdout } = trial(repo.dir, "--scenarios", scenarios, "--only", "need-file");
      expect(code).toBe(1);
      expect(stdout).toMatch(/^need-file +refused +\d+s +no change$/m);
      expect(stdout).toMatch(/^0\/1 succeeded, 0 failed, 1 refused in \d+s$/m);
      expect(stdout).toContain("untouched (HEAD, branches and status as before)");
    } finally {
      repo.cleanup();
    }
    const usage = trial();
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("which checkout? give its path");
  }, 300_000);

  it("--github: a comment to the App as deployed, the jobs it dispatches run by the Action, the checklist ticked on the issue", async () => {
    // The repository's own catalog, which the App reads from GitHub and the trial runs.
    const files: Record<string, string> = { "README.md": "# demo\n", "docs/a.md": "a\n" };
    for (const [file, text] of Object.entries(CATALOG)) files[`scenarios/${file}`] = text;
    const repo = makeRepo(files);
    const before = await checkoutFingerprint(repo.dir);
    try {
      const { code, stdout, stderr } = trial(repo.dir, "--github", "--json");
      expect(code, stderr).toBe(1);
      const report = JSON.parse(stdout);
      expect(report.originalUntouched).toBe(true);
      expect(await checkoutFingerprint(repo.dir)).toBe(before);
      expect(report.scenarios).toBe(path.join(repo.dir, "scenarios"));
      expect(report.counts).toEqual({ succeeded: 1, failed: 1, refused: 1 });
      const byId = Object.fromEntries(report.entries.map((e: { id: string }) => [e.id, e]));

      // Waited on its manual step until the person ticked the checklist the job posted on the issue.
      const note = byId["write-note"];
      expect(note).toMatchObject({ outcome: "succeeded", status: "succeeded", ticked: ["2"], reason: [] });
      expect(note.branch).toMatch(/^scenario\/write-note\//);
      expect(note.diff.stat.join("\n")).toContain("notes/first.md");

      const broken = byId["break-step"];
      expect(broken.outcome).toBe("failed");
      expect(broken.reason[0]).toMatch(
        /^step 1 "Call the service" \(automated\): .*cannot reach the billing service/,
      );
      // Rolled back: its branch on the origin holds nothing of the step.
      expect(broken.diff?.files ?? 0).toBe(0);

      const refused = byId["need-file"];
      expect(refused.outcome).toBe("refused");
      expect(refused.reason.join("\n")).toContain("The repository has a settings file");
    } finally {
      repo.cleanup();
    }
  }, 600_000);

  it("refuses --scenarios with --github, and --committed-dist without it", () => {
    const withFolder = trial(work, "--github", "--scenarios", work);
    expect(withFolder.code).toBe(2);
    expect(withFolder.stderr).toContain("--scenarios does not apply");
    const alone = trial(work, "--committed-dist");
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("--committed-dist goes with --github");
  });

  it("makes a folder that is not a repository one, in the copy only", () => {
    const folder = path.join(work, "plain");
    mkdirSync(path.join(folder, "apps"), { recursive: true });
    writeFileSync(path.join(folder, "apps", "a.txt"), "a\n");
    const copy = copyCheckout(folder);
    try {
      expect(copy).toMatchObject({ initialised: true, baseBranch: "main" });
      expect(gitIn(copy.dir, "ls-files")).toBe("apps/a.txt");
      expect(spawnSync("git", ["rev-parse"], { cwd: folder }).status).not.toBe(0);
    } finally {
      copy.remove();
    }
  });
});
