// The Action as a runner starts it (`node <bundle>` with INPUT_* variables, built from the sources
// now) under hostile inputs: bad ones are refused with a message naming the input, as one `::error::`
// workflow command (a newline in a value cannot start a second one), before any request to GitHub or
// any push; a params value holding the whole injection corpus reaches the files byte for byte and
// runs nothing.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchPayload } from "../support/action-env.ts";
import { createGitOrigin, type GitOrigin, OriginBranches } from "../support/git-origin.ts";
import { addRepo, type FakeRepo, type GitHubFake, startGitHubFake } from "../support/github-fake/index.ts";
import { buildDist, spawnAction } from "../support/spawn-action.ts";
import { useTestDb } from "../support/test-db.ts";
import { canaries, canary, shellPayloads } from "./support/corpus.ts";

const testDb = useTestDb("postgres", "hostile_action");
let fake: GitHubFake;
let origin: GitOrigin;
let repo: FakeRepo;
let dist: Awaited<ReturnType<typeof buildDist>>;

beforeAll(async () => {
  dist = await buildDist();
  fake = await startGitHubFake();
  origin = createGitOrigin({
    files: {
      "README.md": "# hostile\n",
      "scenarios/echo-value.md": readFileSync(path.resolve("test/hostile/scenarios/echo-value.md"), "utf8"),
      "scenarios/echo-text.md": readFileSync(path.resolve("test/hostile/scenarios/echo-text.md"), "utf8"),
    },
  });
  repo = addRepo(fake.state, { owner: "acme", name: "hostile" });
  repo.branches = new OriginBranches(origin.bare);
}, 60_000);
afterAll(async () => {
  await fake.close();
  origin.dispose();
  dist.dispose();
  expect(canaries()).toEqual([]);
});

function action(inputs: Record<string, string>) {
  return spawnAction({
    entry: dist.entry,
    apiUrl: fake.url,
    repository: "acme/hostile",
    workspace: origin.checkout,
    eventName: "workflow_dispatch",
    payload: dispatchPayload(inputs),
    inputs: { "github-token": "ghs_runner", "database-url": testDb.url ?? "", ...inputs },
  });
}

/** Workflow commands the runner would act on: lines of stdout starting with `::`. */
const commands = (stdout: string) => stdout.split("\n").filter((l) => l.startsWith("::"));

describe("hostile action inputs", () => {
  it.each([
    [
      "command",
      { command: "run\n::add-mask::secret" },
      "input 'command': 'run%0A::add-mask::secret' is not a command; use one of run, resume, rollback, cancel, audit, check.",
    ],
    [
      "scenario",
      { command: "run", scenario: "../../etc/passwd" },
      "input 'scenario': '../../etc/passwd' is not a scenario id; ids are kebab-case, e.g. create-shared-service.",
    ],
    ["scenario", { command: "run", scenario: `x$(touch ${canary("a1")})` }, "is not a scenario id"],
    [
      "run-id",
      { command: "resume", "run-id": `$(touch ${canary("a2")})` },
      "is not a run id; use letters, digits, '.', '-' or '_'.",
    ],
    ["run-id", { command: "resume", "run-id": "../../../main" }, "is not a run id"],
    [
      "issue-number",
      { command: "run", scenario: "echo-value", "issue-number": "1; touch x" },
      "'1; touch x' is not an issue number; give a positive integer.",
    ],
    [
      "params",
      { command: "run", scenario: "echo-value", params: "{'name': 1}" },
      "input 'params': not valid JSON",
    ],
    [
      "params",
      { command: "run", scenario: "echo-value", params: '{"$(touch x)": "a"}' },
      "'$(touch x)' is not a parameter name; names are snake_case",
    ],
    [
      "params",
      { command: "run", scenario: "echo-value", params: '{"name": "a", "value": {"$gt": ""}}' },
      "parameter 'value' is an object; values are strings, numbers or booleans.",
    ],
    [
      "params",
      { command: "run", scenario: "echo-value", params: '{"name": "a", "value": "a\\u0000b"}' },
      "must not contain a NUL character",
    ],
    [
      "params",
      { command: "run", scenario: "echo-value", params: '{"name": "../../../x", "value": "b"}' },
      'the path "out/../../../x.txt" leaves the workspace',
    ],
  ])(
    "a bad %s is refused with an error naming it; nothing is requested or pushed",
    async (_input, inputs, message) => {
      const before = fake.requests.length;
      const r = await action(inputs as Record<string, string>);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      // Only error commands: the failure, and an annotation where the input has a place in a file.
      const errors = commands(r.stdout);
      for (const line of errors) expect(line, r.stdout).toMatch(/^::error( [^:]*)?::/);
      const failure = errors.find((l) => l.startsWith("::error::")) ?? "";
      // Escaped as the runner expects: a newline is %0A, so it cannot start a command of its own.
      expect(failure, r.stdout).toContain(message);
      expect(r.stdout).not.toMatch(/\n\s+at /);
      // Reads only (a GraphQL query, such as who the token acts as, reads too): nothing written.
      const writes = fake.requests.slice(before).filter((q) => q.method !== "GET" && !isGraphQLQuery(q.body));
      expect(writes).toEqual([]);
      expect(origin.git(origin.bare, "branch", "--list")).toBe("* main");
    },
  );

  it("a params value holding the whole injection corpus is kept byte for byte and runs nothing", async () => {
    const value = shellPayloads()
      .map((p) => p.value)
      .concat(["\n::set-output name=status::pwned", "\n::add-mask::hidden"])
      .join(" ");
    const r = await action({
      command: "run",
      scenario: "echo-text",
      params: JSON.stringify({ name: "corpus", value }),
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.outputs.status).toBe("succeeded");
    // No workflow command came from the value: every `::` line is one the action meant.
    for (const line of commands(r.stdout)) expect(line).not.toMatch(/pwned|hidden/);
    const branch = r.outputs.branch ?? "";
    expect(readBlob(origin, branch, "corpus.shell.txt")).toBe(value);
    expect(readBlob(origin, branch, "corpus.txt")).toBe(`${value}\n`);
    expect(canaries()).toEqual([]);
  });
});

/** The exact bytes of a file on an origin branch (git() trims its output). */
function readBlob(o: GitOrigin, branch: string, file: string): string {
  return execFileSync("git", ["cat-file", "blob", `${branch}:out/${file}`], {
    cwd: o.bare,
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
}

function isGraphQLQuery(body: unknown): boolean {
  const query = (body as { query?: unknown } | undefined)?.query;
  return typeof query === "string" && /^\s*query\b/.test(query);
}
