// A learned draft is not only valid: run by the CLI with another name, on the repository as it was
// before the recorded change, it repeats that change for the new name up to the step a person must do.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { learnFromPullRequest } from "../../../src/application/authoring/learn/learn.ts";
import type { LearnedFile } from "../../../src/application/authoring/learn/pull-request.ts";
import { noteSyntaxErrors } from "../../../src/application/authoring/learn/syntax.ts";
import { main } from "../../../src/cli/main.ts";
import { gitIn, makeRepo, useEngineDb } from "../../support/engine-harness.ts";
import { formatterServicePr, learnedPullRequest } from "../support/formatter-service-pr.ts";

const store = useEngineDb("learn_run");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const INDEX = "packages/shared/services/index.ts";
const COMMAND = "scripts/cli-pipeline/database/commands/schema-health.ts";

/** dhg-mono's files before the change: the services index without its new line, the command as it was. */
function before(): Record<string, string> {
  const index = (formatterServicePr.contents[INDEX] as string)
    .split("\n")
    .filter((l) => !l.includes("formatter-service"))
    .join("\n");
  return { [INDEX]: index, [COMMAND]: "export default program;\n", "README.md": "# dhg-mono\n" };
}

async function cli(dir: string, scenarios: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const repo = argv[0] === "validate" ? [] : ["--repo", dir];
  const code = await main([...argv, "--scenarios", scenarios, ...repo], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: dir,
    env: { ...process.env, NO_COLOR: undefined, DATABASE_URL: store.url, USER: "dana" },
    isTTY: false,
  });
  return { code, out: out.join(""), err: err.join("") };
}

describe("a draft learned from Add FormatterService singleton", () => {
  it("validates, plans and runs for email-digest-service, then waits for the change left to a person", async () => {
    const learned = learnFromPullRequest(learnedPullRequest(), {
      scenariosDir: "scenarios",
      takenIds: new Set(),
    });
    const scenarios = path.join(tmpdir(), `learned-${process.pid}-${Date.now()}`);
    mkdirSync(path.join(scenarios, "service"), { recursive: true });
    cleanups.push(() => rmSync(scenarios, { recursive: true, force: true }));
    writeFileSync(path.join(scenarios, "service", path.basename(learned.path)), learned.text);
    const repo = makeRepo(before());
    cleanups.push(repo.cleanup);

    expect(await cli(repo.dir, scenarios, "validate")).toMatchObject({ code: 0, err: "" });
    const run = await cli(repo.dir, scenarios, "run", "add-service-singleton", "name=email-digest-service");
    expect(run.err).toBe("");
    expect(run.out).toMatch(/waiting/);

    const branch = gitIn(repo.dir, "branch", "--list", "scenario/*", "--format=%(refname:short)");
    const show = (file: string) => gitIn(repo.dir, "show", `${branch}:${file}`);
    const service = show("packages/shared/services/email-digest-service/email-digest-service.ts");
    expect(service).toContain("export class EmailDigestService {");
    expect(service).toContain("export const emailDigestService = EmailDigestService.getInstance();");
    expect(show("packages/shared/services/email-digest-service/index.ts")).toContain(
      "export { emailDigestService, EmailDigestService } from './email-digest-service';",
    );
    const index = show(INDEX).split("\n");
    const at = index.indexOf('export * from "./report-service/report-service";');
    expect(index[at + 1]).toBe('export * from "./email-digest-service"; // New formatter service');
    // The command the change also edited is the person's step: untouched.
    expect(show(COMMAND)).toBe(readFileSync(path.join(repo.dir, COMMAND), "utf8").trimEnd());
  });
});

describe("a draft learned from a pull request that archived a script which does not parse, and a file without a final newline", () => {
  const added = (filename: string, content: string): LearnedFile => ({
    filename,
    status: "added",
    additions: content.split("\n").length,
    deletions: 0,
    content,
  });

  it("writes it as merged, leaves it out of the syntax check, says why, and runs to the end", async () => {
    const files = [
      added("scripts/legacy/old-sync.js", "const rows = await fetch(;\n"),
      added("scripts/legacy/new-sync.ts", "export const rows: string[] = [];\n"),
      added("scripts/legacy/sync.json", '{ "enabled": false }'),
    ];
    await noteSyntaxErrors(files);
    expect(files.map((f) => f.syntaxError)).toEqual(["1:26 Unexpected token", undefined, undefined]);
    const learned = learnFromPullRequest(
      { number: 7, title: "Keep the sync scripts", body: "", url: "https://github.com/o/r/pull/7", files },
      { scenariosDir: "scenarios", takenIds: new Set() },
    );
    expect(learned.problems).toEqual([]);
    // The one folder the files went into is taken for the name that varies.
    expect(learned.text).toContain(
      '"$SCENARIO_CLI" check-syntax scripts/{name}/new-sync.ts scripts/{name}/sync.json\n',
    );
    expect(learned.text).toContain("```json file=scripts/{name}/sync.json no-final-newline\n");
    expect(learned.text).toContain(
      "`scripts/{name}/old-sync.js` did not parse as merged (1:26 Unexpected token): left out of the syntax check",
    );

    const scenarios = path.join(tmpdir(), `learned-broken-${process.pid}-${Date.now()}`);
    mkdirSync(path.join(scenarios, "misc"), { recursive: true });
    cleanups.push(() => rmSync(scenarios, { recursive: true, force: true }));
    writeFileSync(path.join(scenarios, "misc", path.basename(learned.path)), learned.text);
    const repo = makeRepo({ "README.md": "# r\n" });
    cleanups.push(repo.cleanup);
    const run = await cli(repo.dir, scenarios, "run", learned.id, "name=attic");
    expect(run).toMatchObject({ code: 0, err: "" });
    const branch = gitIn(repo.dir, "branch", "--list", "scenario/*", "--format=%(refname:short)");
    // Byte for byte: each with its final newline, or without one as merged.
    const bytes = (file: string) =>
      execFileSync("git", ["show", `${branch}:scripts/attic/${file}`], { cwd: repo.dir, encoding: "utf8" });
    expect(files.map((f) => bytes(path.basename(f.filename)))).toEqual(files.map((f) => f.content));
  });
});
