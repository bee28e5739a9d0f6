// `/scenario learn`'s drafting, pure: a merged pull request in, a scenario document out that the real
// parser accepts. The recorded change is dhg-mono's "Add FormatterService singleton".
import { describe, expect, it } from "vitest";
import { learnFromPullRequest } from "../../../src/application/authoring/learn/learn.ts";
import type {
  LearnedFile,
  LearnedPullRequest,
} from "../../../src/application/authoring/learn/pull-request.ts";
import { findVaryingName } from "../../../src/application/authoring/learn/varying-name.ts";
import { MAX_DOCUMENT_BYTES } from "../../../src/application/repository/catalog.ts";
import { parseScenario, renderText } from "../../../src/scenario/index.ts";
import { formatterServicePr, learnedPullRequest } from "../support/formatter-service-pr.ts";

const learn = (pr: LearnedPullRequest, takenIds: string[] = []) =>
  learnFromPullRequest(pr, { scenariosDir: "scenarios", takenIds: new Set(takenIds) });

function parsed(text: string) {
  const result = parseScenario(text, { file: "draft.md" });
  expect(result.problems).toEqual([]);
  if (!result.definition) throw new Error("no definition");
  return result.definition;
}

const file = (
  filename: string,
  status: LearnedFile["status"],
  extra: Partial<LearnedFile> = {},
): LearnedFile => ({
  filename,
  status,
  additions: 1,
  deletions: 0,
  ...extra,
});

const pr = (files: LearnedFile[], title = "Add the billing page", body = ""): LearnedPullRequest => ({
  number: 9,
  title,
  body,
  url: "https://github.com/acme/mono/pull/9",
  files,
});

describe("learning from dhg-mono's Add FormatterService singleton", () => {
  const learned = learn(learnedPullRequest());
  const definition = parsed(learned.text);

  it("drafts a service scenario under the scenarios folder, named for what the change does", () => {
    expect(learned.path).toBe("scenarios/service/add-service-singleton.md");
    expect(definition.id).toBe("add-service-singleton");
    expect(definition.objectType).toBe("service");
    expect(learned.problems).toEqual([]);
  });

  it("makes the new service's name a parameter, in every case the change writes it", () => {
    expect(learned.parameters).toEqual([
      { name: "name", spellings: ["formatter-service", "FormatterService", "formatterService"] },
    ]);
    const [name] = definition.parameters;
    expect(name).toMatchObject({ name: "name", required: true, example: "example-service" });
  });

  it("writes the added files as file blocks that give back the merged files byte for byte", () => {
    const blocks = definition.steps.flatMap((s) => s.blocks).filter((b) => b.kind === "file");
    const values = { name: "formatter-service" };
    const written = Object.fromEntries(
      blocks.map((b) => [renderText(b.path ?? "", values), `${renderText(b.content, values)}`]),
    );
    const added = formatterServicePr.files.filter((f) => f.status === "added").map((f) => f.filename);
    expect(Object.keys(written)).toEqual(added);
    for (const path of added) expect(written[path]).toBe(formatterServicePr.contents[path]);
  });

  it("gives another name's files its own class and instance names", () => {
    const service = definition.steps[0]?.blocks[0];
    const text = renderText(service?.content ?? "", { name: "email-digest-service" });
    expect(renderText(service?.path ?? "", { name: "email-digest-service" })).toBe(
      "packages/shared/services/email-digest-service/email-digest-service.ts",
    );
    expect(text).toContain("export class EmailDigestService {");
    expect(text).toContain("export const emailDigestService = EmailDigestService.getInstance();");
    expect(text).not.toMatch(/formatter-?service/i);
  });

  it("runs what it can, checks it, and leaves the other changes to a person with their diff", () => {
    expect(definition.steps.map((s) => [s.name, s.kind])).toEqual([
      ["Write the files under packages/shared/services/{name}", "automated"],
      ["Add a line to packages/shared/services/index.ts", "automated"],
      ["Check the syntax of what was written", "validation"],
      ["Change scripts/cli-pipeline/database/commands/schema-health.ts as the pull request did", "manual"],
    ]);
    expect(definition.steps[1]?.blocks[0]?.content).toBe(
      `"$SCENARIO_CLI" insert-line packages/shared/services/index.ts --literal --after 'export * from "./report-service/report-service";' --line 'export * from "./{name}"; // New formatter service'`,
    );
    expect(learned.text).toContain(
      "+import { {name|camel} } from '../../../../packages/shared/services/{name}';",
    );
    expect(definition.preConditions[0]?.check?.content).toBe("test ! -e packages/shared/services/{name}");
  });

  it("marks every guess for the author and counts them", () => {
    expect(learned.text).toMatch(
      /^# Scenario: Add service singleton\n\n<!-- learn: drafted by \/scenario learn from pull request #7/,
    );
    expect(learned.guesses).toBe(learned.text.split("<!-- learn: guessed:").length - 1);
    expect(learned.guesses).toBeGreaterThanOrEqual(7);
    expect([learned.steps, learned.automated]).toEqual([4, 2]);
  });

  it("is deterministic", () => {
    expect(learn(learnedPullRequest()).text).toBe(learned.text);
  });

  it("takes another id when the catalog has this one", () => {
    expect(learn(learnedPullRequest(), ["add-service-singleton"]).path).toBe(
      "scenarios/service/add-service-singleton-from-pr-7.md",
    );
  });
});

describe("the name that varies", () => {
  it("is the new folder the added files share, not the folders that held them already", () => {
    const name = findVaryingName([
      file("apps/web/src/pages/billing-report/BillingReportPage.tsx", "added", {
        content: "<BillingReportPage />",
      }),
      file("apps/web/src/pages/billing-report/index.ts", "added", {
        content: "export * from './BillingReportPage';",
      }),
      file("apps/web/src/App.tsx", "modified"),
    ]);
    expect(name).toEqual({ words: ["billing", "report"], value: "billing-report", parameter: "name" });
  });

  it("gives its example in the case the change writes it (seen on dhg-mono's 53c5e1fd and ccbcd27e)", () => {
    const learned = learn(
      pr([
        file("scripts/document_types/document_types.py", "added", { content: "DOCUMENT_TYPES = 1\n" }),
        file("scripts/document_types/list_document_types.py", "added", {
          content: "import document_types\n",
        }),
      ]),
    );
    expect(parsed(learned.text).parameters[0]).toMatchObject({ name: "name", example: "example_types" });
  });

  it("names a step writing files at the repository's root (seen on dhg-mono's 9b03a86f)", () => {
    const learned = learn(
      pr([
        file("billing-notes.md", "added", { content: "a\n" }),
        file("billing-todo.md", "added", { content: "b\n" }),
      ]),
    );
    expect(parsed(learned.text).steps[0]?.name).toBe("Write the files under the repository's root");
  });

  it("is none when the change only edits files that were there", () => {
    const learned = learn(
      pr([file("README.md", "modified", { patch: "@@ -1 +1 @@\n-a\n+b" })], "Fix the readme"),
    );
    expect(learned.parameters).toEqual([]);
    expect(parsed(learned.text).steps.map((s) => s.kind)).toEqual(["manual"]);
  });
});

describe("what a draft cannot copy or run", () => {
  it("leaves binary, oversized and oddly named files, removals and renames to a person, and still validates", () => {
    const learned = learn(
      pr([
        file("apps/web/public/billing-logo.png", "added", { notCopied: "a binary file" }),
        file("apps/web/src/billing notes.md", "added", { content: "notes" }),
        file("apps/web/src/old-billing.ts", "removed", { additions: 0, deletions: 3 }),
        file("apps/web/src/billing.ts", "renamed", {
          previousFilename: "apps/web/src/bill.ts",
          patch: "@@ -1 +1 @@\n-x\n+y",
        }),
        file("docs/a.md", "unchanged"),
      ]),
    );
    const steps = parsed(learned.text).steps;
    expect(steps.map((s) => [s.name, s.kind])).toEqual([
      // A file not copied still names things: the binary's own name is the one that varies here.
      ["Add apps/web/public/{name}.png", "manual"],
      ["Add apps/web/src/billing notes.md", "manual"],
      ["Remove apps/web/src/old-billing.ts", "manual"],
      ["Rename apps/web/src/bill.ts to apps/web/src/billing.ts", "manual"],
    ]);
    expect(learned.text).toContain("not copied: a binary file");
    expect(learned.text).toContain("not copied: its path holds a space");
  });

  it("keeps only the paragraphs and lists of the description: no headings, HTML or placeholders of its own", () => {
    const body =
      "Adds the page.\n\n## Steps\n\n1. none\n\n<!-- hidden -->\n\nUses {table} and `{x}`.\n\n- [x] tested";
    const learned = learn(
      pr(
        [file("docs/billing-guide.md", "added", { content: "# Billing {y}\n" })],
        "Add the billing guide",
        body,
      ),
    );
    const definition = parsed(learned.text);
    expect(learned.text).not.toContain("hidden");
    expect(learned.text.match(/^## Steps$/gm)).toHaveLength(1);
    // A literal brace: `\{` (in text the backslash is itself escaped as markdown writes it).
    expect(learned.text).toContain("Uses \\\\{table} and `\\{x}`.");
    expect(renderText(definition.steps[0]?.blocks[0]?.content ?? "", { name: "x" })).toBe("# Billing {y}\n");
  });

  it("inserts a line only where the change added exactly one, next to a line long enough to find", () => {
    const twoLines =
      "@@ -1,2 +1,4 @@\n import a from 'a';\n+import b from 'b';\n+import c from 'c';\n export {};";
    const shortAnchor = '@@ -1,2 +1,3 @@\n {\n+  "b": 1,\n }';
    const learned = learn(
      pr([
        file("src/index.ts", "modified", { patch: twoLines }),
        file("package.json", "modified", { patch: shortAnchor }),
      ]),
    );
    expect(parsed(learned.text).steps.map((s) => s.kind)).toEqual(["manual", "manual"]);
  });

  it("stays within the size a scenario document may have: shorter diffs, then fewer files copied", () => {
    const patch = `@@ -1,200 +1,200 @@\n${Array.from({ length: 200 }, (_, i) => `-old line ${i} ${"x".repeat(60)}\n+new line ${i}`).join("\n")}`;
    const big = `export const data = [\n  "${"y".repeat(70)}",\n];\n`;
    const files = [
      ...Array.from({ length: 6 }, (_, i) =>
        file(`apps/web/src/billing-report/part-${i}.ts`, "added", { content: big.repeat(150) }),
      ),
      ...Array.from({ length: 20 }, (_, i) => file(`apps/web/src/screen-${i}.ts`, "modified", { patch })),
    ];
    const learned = learn(pr(files, "Add the billing report"));
    expect(Buffer.byteLength(learned.text)).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES);
    const steps = parsed(learned.text).steps;
    expect(steps.filter((s) => s.kind === "manual")).toHaveLength(
      20 + steps.filter((s) => s.name.startsWith("Add ")).length,
    );
    expect(learned.text).toContain(
      "left out to keep this document within the size a scenario document may have",
    );
  });

  it("copies a small file after one too large to fit (seen on dhg-mono's 47845eaa: a page's backup copy, then the new module)", () => {
    const backup = `export function Home() {\n${"  // ".concat("z".repeat(70), "\n").repeat(900)}}\n`;
    const adapter = "export const filterServiceAdapter = {};\n";
    const learned = learn(
      pr(
        [
          file("apps/dhg-hub/src/pages/Home.tsx.original", "added", { content: backup }),
          file("apps/dhg-hub/src/utils/filter-service-adapter.ts", "added", { content: adapter }),
        ],
        "Load profiles through the filter service adapter",
      ),
    );
    const steps = parsed(learned.text).steps;
    const written = steps.flatMap((s) => s.blocks.filter((b) => b.kind === "file").map((b) => b.content));
    expect(written).toEqual([adapter]);
    expect(steps.find((s) => s.kind === "manual")?.name).toMatch(
      /^Add apps\/\S+\/src\/pages\/Home\.tsx\.original$/,
    );
  });

  it("leaves a name right after `$` as written: a placeholder there would read as ${...} (dhg-mono's a4b787d5)", () => {
    const cli = 'proxy_name="$1"\ncase $proxy_name in\n  *) echo "Unknown proxy: $proxy_name" ;;\nesac\n';
    const learned = learn(
      pr(
        [
          file("scripts/cli-pipeline/proxy/proxy-cli.sh", "added", { content: cli }),
          file("scripts/cli-pipeline/proxy/README.md", "added", { content: "# proxy pipeline\n" }),
        ],
        "Add the proxy pipeline",
      ),
    );
    const blocks = parsed(learned.text).steps.flatMap((s) => s.blocks.filter((b) => b.kind === "file"));
    const script = blocks.find((b) => b.path?.endsWith("-cli.sh"));
    expect(renderText(script?.content ?? "", { name: "proxy" })).toBe(cli);
    expect(renderText(script?.content ?? "", { name: "media" })).toBe(
      'media_name="$1"\ncase $proxy_name in\n  *) echo "Unknown media: $proxy_name" ;;\nesac\n',
    );
  });

  it("keeps a file's own {name} literal when the parameter is called name too (dhg-mono's 9bf57bf6)", () => {
    const doc = "# Structure\n\n```jsx\n<h1>Hello, {name}!</h1>\n```\n";
    const learned = learn(
      pr([file("docs/project-structure/experts-structure.md", "added", { content: doc })], "Add docs"),
    );
    const block = parsed(learned.text)
      .steps.flatMap((s) => s.blocks)
      .find((b) => b.kind === "file");
    expect(learned.parameters.map((p) => p.name)).toEqual(["name"]);
    expect(renderText(block?.content ?? "", { name: "project-structure" })).toBe(doc);
  });
});
