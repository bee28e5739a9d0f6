// `scenario test` as a person runs it: bin/scenario.js as a process, on a copy of examples/monorepo
// (shipped scenarios) and on a small repository with fixture documents that must fail: a rollback that
// leaves a file behind, a post-validation that never holds. The repository tested is never changed.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkoutFingerprint } from "../../src/local/throwaway-clone.ts";
import { copyMonorepo, REPO_ROOT } from "../scenarios/monorepo.ts";
import { makeRepo } from "../support/engine-harness.ts";
import { spawnCli } from "./support/spawn-cli.ts";

const SHIPPED = path.join(REPO_ROOT, "scenarios");
const FIXTURES = path.join(import.meta.dirname, "test-command-scenarios");
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** `scenario test` in `repo`, without a DATABASE_URL: the test must not need (or touch) the user's store. */
async function scenarioTest(repo: string, scenarios: string, ...args: string[]) {
  const before = await checkoutFingerprint(repo);
  const result = await spawnCli(repo, ["test", ...args, "--scenarios", scenarios], {
    DATABASE_URL: "",
    NO_COLOR: "1",
  });
  expect(await checkoutFingerprint(repo), "the repository tested is untouched").toBe(before);
  return result;
}

describe("scenario test on a copy of examples/monorepo", () => {
  const monorepo = copyMonorepo();
  cleanups.push(monorepo.cleanup);

  // The Example: values, overridden as name=value (the values of test/scenarios/cases.ts) where an
  // example names what examples/monorepo does not have (a `coverage` script, a `worktree` pipeline).
  it.each([
    ["create-shared-service", []],
    ["add-pnpm-script", ["name=preview", "workspace_script=preview"]],
    ["add-cli-command", ["domain=content", "command=sync-documents"]],
    // A new domain: create-cli-pipeline runs first and establishes the pre-condition that the wrapper
    // exists (established-by), which is checked after it rather than refused before any change.
    ["add-cli-command", ["domain=newdomain", "command=hello"]],
    [
      "migrate-script-to-pipeline",
      [
        "script=scripts/root/count-words.ts",
        "domain=reports",
        "command=count-words",
        "sample_args=README.md",
      ],
    ],
  ])(
    "%s %s passes every phase",
    async (id, params) => {
      const { code, out, err } = await scenarioTest(monorepo.dir, SHIPPED, id, ...params);
      expect(code, `${out}\n${err}`).toBe(0);
      expect(out).toMatch(/^ {2}run +passed /m);
      expect(out).toMatch(/^ {2}post-validation +passed /m);
      expect(out).toMatch(/^ {2}rollback +passed /m);
      expect(out).toMatch(/^ {2}tree restored +passed /m);
      expect(out).toContain(`PASSED: ${id} ran, held its post-validation and rolled back to main @`);
      const domain = params.find((p) => p.startsWith("domain="))?.slice("domain=".length);
      if (domain === "newdomain" || domain === "reports")
        expect(out).toMatch(
          /pre-condition \d "The pipeline's shell wrapper exists and parses.*" is checked after create-cli-pipeline has run/,
        );
    },
    240_000,
  );
});

describe("scenario test on fixture documents", () => {
  const repo = makeRepo({ "README.md": "# notes\n", "notes/.keep": "" });
  cleanups.push(repo.cleanup);

  it("passes a scenario with a manual step, saying it treated the step as ticked", async () => {
    const { code, out, err } = await scenarioTest(repo.dir, FIXTURES, "reviewed-note", "--json");
    expect(code, err).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      scenarioId: "reviewed-note",
      params: { name: "third" },
      passed: true,
      checkoutUntouched: true,
      run: { status: "passed", ticked: [{ step: "2", name: "Review the note" }] },
      postValidation: { status: "passed", unchecked: ["Someone has read it"] },
      rollback: { status: "passed" },
      tree: { status: "passed", differences: [], branchAtBase: true },
    });
    expect(err).toContain("[2/2] Review the note waiting");
  }, 120_000);

  it("fails when the rollback leaves a file behind, and names it", async () => {
    const { code, out } = await scenarioTest(repo.dir, FIXTURES, "leaves-a-file", "name=kept");
    expect(code).toBe(1);
    expect(out).toMatch(/^ {2}rollback +passed +1 rollback block\(s\) ran$/m);
    expect(out).toMatch(
      /^ {2}tree restored +FAILED +1 path\(s\) still differ from [0-9a-f]{8} after the rollback steps:$/m,
    );
    expect(out).toMatch(/^ +added +notes\/kept\.log$/m);
    expect(out).toContain("FAILED: leaves-a-file");
  }, 120_000);

  it("fails when post-validation does not hold, and still checks the rollback", async () => {
    const { code, out } = await scenarioTest(repo.dir, FIXTURES, "post-fails", "--json");
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      passed: false,
      run: { status: "passed", runStatus: "rolled_back" },
      postValidation: {
        status: "failed",
        checks: [{ number: 1, text: "The note was published", holds: false }],
      },
      rollback: { status: "passed" },
      tree: { status: "passed" },
    });
    expect(report.postValidation.checks[0].where).toMatch(/post-fails\.md:\d+$/);
  }, 120_000);

  it("refuses an unknown scenario with the closest ids, and a bad value with its rule", async () => {
    const unknown = await scenarioTest(repo.dir, FIXTURES, "post-fail");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown scenario "post-fail"; did you mean post-fails?');
    const bad = await scenarioTest(repo.dir, FIXTURES, "post-fails", "name=Not Valid");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("must match the pattern");
    const base = await scenarioTest(repo.dir, FIXTURES, "post-fails", "--base", "nosuch");
    expect(base.code).toBe(1);
    expect(base.err).toContain(`error: "nosuch" is no branch, tag or commit of ${repo.dir}`);
    expect(base.err).toContain("Check that the base branch exists (pass --base <branch>).");
  }, 60_000);
});
