// The layout rules: what is no scenario, steps written as headings, blocks indented too little.
import { describe, expect, it } from "vitest";
import { catalogFromFiles } from "../../src/scenario/catalog.ts";
import { parseScenario } from "../../src/scenario/parse.ts";
import { formatProblem } from "../../src/scenario/problems.ts";
import { doc, mutate, problemsOf } from "../support/scenario-documents.ts";

describe("a document that is no scenario", () => {
  const recipe = "# Continuous Improvement Scenario: Add a page\n\n## Overview\nHow we add pages.\n";

  it("is a note, not a problem", () => {
    const result = parseScenario(recipe, { file: "docs/add-page.md" });
    expect(result.definition).toBeUndefined();
    expect(result.problems).toEqual([]);
    expect(result.notes?.map(formatProblem).join("\n")).toMatchInlineSnapshot(`
      "docs/add-page.md:1:1: not a scenario: "Continuous Improvement Scenario: Add a page" is not \`# Scenario: <title>\`, so the document is left out
        hint: a scenario starts with # Scenario: <title> and has a ## Metadata section; \`scenario import\` drafts one from a loose recipe"
    `);
  });

  it("is left out of a catalog without failing it", () => {
    const catalog = catalogFromFiles([
      { path: "s/a.md", text: doc("a") },
      { path: "s/notes.md", text: recipe },
    ]);
    expect(catalog.problems).toEqual([]);
    expect(catalog.scenarios.map((s) => s.id)).toEqual(["a"]);
    expect(catalog.others).toEqual(["s/notes.md"]);
    expect(catalog.notes.map((n) => n.position.file)).toEqual(["s/notes.md"]);
    expect(catalog.ids()).toEqual(["a"]);
  });

  it("is still a broken scenario when it has metadata but a wrong title", () => {
    expect(problemsOf(mutate(["# Scenario: Add RLS policies", "# Add RLS policies"]))).toContain(
      "a scenario document starts with `# Scenario: <title>`",
    );
  });
});

describe("steps written as ### headings", () => {
  it("says that they are not read and what to write", () => {
    const text = doc("a").replace(
      /## Steps[\s\S]*?(?=## Post-Validation)/,
      "## Steps\n\n### 1. Create the folder (2 minutes)\n```bash\nmkdir -p x\n```\n\n### 2. Check it\n- look\n\n",
    );
    expect(problemsOf(text)).toMatchInlineSnapshot(`
      "doc.md:15:1: steps written as \`###\` headings ("1. Create the folder (2 minutes)") are not read
        hint: write each step as an item of an ordered list, 1. **What it does** [automated], with its \`\`\`bash or \`\`\`lang file=path blocks indented under the item"
    `);
  });
});

describe("a fenced block indented too little for its list item", () => {
  const steps = Array.from(
    { length: 10 },
    (_, i) => `${i + 1}. **Step ${i + 1}** [automated]\n   \`\`\`bash\n   echo {name}\n   \`\`\``,
  ).join("\n");
  const text = doc("a").replace(/## Steps[\s\S]*?(?=## Post-Validation)/, `## Steps\n${steps}\n\n`);

  it("names the indent the item needs, and only that", () => {
    expect(problemsOf(text)).toMatchInlineSnapshot(`
      "doc.md:51:4: this block is indented 3 spaces, too few to belong to item 10. above it
        hint: indent the fence and its lines by 4 spaces, as far as the text after "10. ""
    `);
  });

  it("reads the item with 4 spaces", () => {
    const fixed = text.replace(
      /(10\. \*\*Step 10\*\* \[automated\]\n) {3}```bash\n {3}echo \{name\}\n {3}```/,
      "$1    ```bash\n    echo {name}\n    ```",
    );
    const result = parseScenario(fixed);
    expect(result.problems).toEqual([]);
    expect(result.definition?.steps[9]?.blocks).toHaveLength(1);
  });
});

describe("step kinds as a markdown writer escapes them", () => {
  it("reads \\[automated] as [automated]", () => {
    const text = doc("a").replace("**Do it** [automated]", "**Do it** \\[automated]");
    expect(parseScenario(text).definition?.steps[0]?.kind).toBe("automated");
  });
});
