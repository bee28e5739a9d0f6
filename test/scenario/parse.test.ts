import { describe, expect, it } from "vitest";
import { ScenarioDocumentError } from "../../src/scenario/errors.ts";
import { parseScenario, parseScenarioOrThrow } from "../../src/scenario/parse.ts";
import { formatProblem } from "../../src/scenario/problems.ts";
import { mutate, problemsOf, VALID } from "../support/scenario-documents.ts";

describe("parseScenario on a valid document", () => {
  const def = parseScenarioOrThrow(VALID, { file: "scenarios/database/add-rls-policies.md" });

  it("reads the metadata", () => {
    expect(def).toMatchObject({
      id: "add-rls-policies",
      title: "Add RLS policies",
      description: "Turns on row level security for one table and writes the owner policy.",
      objectType: "database",
      complexity: "medium",
      automation: 80,
      estimatedMinutes: 10,
      target: "table",
      template: false,
    });
    expect(def.dependencies.map((d) => [d.id, d.type, d.position.line, d.position.column])).toEqual([
      ["create-database-table", "required", 10, 21],
      ["add-service-tests", "recommended", 10, 57],
    ]);
    expect(def.triggers).toEqual([
      {
        files: "supabase/migrations/*.sql",
        content: "create table (\\w+)",
        unless: "enable row level security",
        params: "table=$1",
        position: { file: "scenarios/database/add-rls-policies.md", line: 13, column: 17 },
      },
    ]);
  });

  it("reads parameters with types, rules, defaults and examples", () => {
    const byName = Object.fromEntries(def.parameters.map((p) => [p.name, p]));
    expect(byName.table).toMatchObject({
      type: "string",
      required: true,
      pattern: "^[a-z_][a-z0-9_]*$",
      example: "users",
      description: "Table to protect.",
    });
    expect(byName.table?.default).toBeUndefined();
    expect(byName.owner_column).toMatchObject({ type: "string", required: false, default: "user_id" });
    expect(byName.mode).toMatchObject({ type: "enum", values: ["owner", "read-public"], default: "owner" });
    expect(byName.port).toMatchObject({
      type: "number",
      min: 1024,
      max: 65535,
      default: 8080,
      example: "8080",
    });
    expect(byName.with_tests).toMatchObject({ type: "boolean", default: true });
    expect(byName.port?.position).toEqual({
      file: "scenarios/database/add-rls-policies.md",
      line: 19,
      column: 3,
    });
  });

  it("reads steps with kinds, blocks, checklists and positions", () => {
    expect(def.steps.map((s) => [s.number, s.name, s.kind, s.position.line])).toEqual([
      [1, "Write the policy migration", "automated", 30],
      [2, "Apply it to a scratch database", "validation", 36],
      [3, "Review the policies with the data owner", "manual", 40],
      [4, "Ready for review", "checkpoint", 43],
    ]);
    const [write, apply, review] = def.steps;
    expect(write?.description).toBe("What this step does, in prose (optional).");
    expect(write?.blocks[0]).toMatchObject({
      kind: "file",
      lang: "sql",
      path: "supabase/migrations/{timestamp}_rls_{table}.sql",
    });
    expect(apply?.timeoutMs).toBe(120_000);
    expect(apply?.blocks[0]).toMatchObject({
      kind: "shell",
      content: "./scripts/check-rls.sh {table} '{mode}'",
    });
    expect(review?.checklist.map((c) => c.text)).toEqual([
      "Policies match who may read and write `{table}`",
      "The owner column is indexed",
    ]);
  });

  it("drops the checkbox of an item that starts with inline code", () => {
    const doc = VALID.replace("- [ ] The owner column is indexed", "- [ ] `{table}` has an owner index");
    const parsed = parseScenarioOrThrow(doc, { file: "doc.md" });
    expect(parsed.steps[2]?.checklist.map((c) => c.text)).toEqual([
      "Policies match who may read and write `{table}`",
      "`{table}` has an owner index",
    ]);
  });

  it("reads conditions, rollback and the health check", () => {
    expect(def.preConditions.map((c) => [c.text, c.check?.check ?? false])).toEqual([
      ["A migration creates the table", true],
      ["Someone agreed on the policy model", false],
    ]);
    expect(def.postValidation[0]?.check?.content).toContain("enable row level security");
    expect(def.rollback.map((r) => [r.number, r.name, r.blocks.length])).toEqual([
      [1, "Remove the migration", 1],
      [2, "Tell the data owner the change was undone", 0],
    ]);
    expect(def.healthCheck).toMatchObject({ kind: "shell", lang: "bash" });
  });

  it("accepts the seed plan's forms: (default: x), Preconditions, no optional sections", () => {
    const text = mutate(
      ["Column holding the owner id. Default: `user_id`", "Column holding the owner id (default: user_id)"],
      ["## Pre-Conditions", "## Preconditions"],
      [/## Health Check\n```bash\n.*\n```\n\n/, ""],
      ["- **Target**: `table`\n", ""],
      ["- **Triggers**", "- **triggers**"],
    );
    const parsed = parseScenarioOrThrow(text);
    expect(parsed.parameters.find((p) => p.name === "owner_column")?.default).toBe("user_id");
    expect(parsed.healthCheck).toBeUndefined();
    expect(parsed.target).toBe("table");
    expect(parsed.preConditions).toHaveLength(2);
  });

  it("accepts `none` as dependencies and triggers", () => {
    const text = mutate(
      [/- \*\*Dependencies\*\*: .*/, "- **Dependencies**: none"],
      [/- \*\*Triggers\*\*: .*/, "- **Triggers**: none"],
    );
    const parsed = parseScenarioOrThrow(text);
    expect(parsed.dependencies).toEqual([]);
    expect(parsed.triggers).toEqual([]);
  });

  it("marks templates", () => {
    expect(parseScenarioOrThrow(VALID, { template: true }).template).toBe(true);
  });

  it("throws ScenarioDocumentError holding every problem", () => {
    const text = mutate(["[automated]", "[automatic]"], ["Object Type**: database", "Object Type**: db"]);
    expect(() => parseScenarioOrThrow(text, { file: "x.md" })).toThrowError(ScenarioDocumentError);
    try {
      parseScenarioOrThrow(text, { file: "x.md" });
    } catch (error) {
      expect((error as ScenarioDocumentError).problems).toHaveLength(2);
      expect((error as Error).message).toMatchInlineSnapshot(`
        "2 problems in scenario documents:
        x.md:7:20: unknown object type "db"; expected one of service, cli, database, ui, proxy, infra
          hint: write one of service, cli, database, ui, proxy, infra
        x.md:30:35: unknown step kind "[automatic]"; expected one of automated, manual, validation, checkpoint
          hint: a step's kind says how it runs"
      `);
    }
  });

  it("never throws on garbage", () => {
    for (const text of ["", "hello", "# Scenario:", "## Steps\n1. x", "\0\0\0", "```", "- - - -"]) {
      const result = parseScenario(text, { file: "g.md" });
      expect(result.definition).toBeUndefined();
      // A broken scenario has problems; a text that is no scenario at all has a note saying so.
      expect(result.problems.length + (result.notes?.length ?? 0)).toBeGreaterThan(0);
    }
  });
});

describe("document structure rules", () => {
  it("needs the title heading", () => {
    expect(problemsOf(mutate(["# Scenario: Add RLS policies", "# Add RLS policies"]))).toMatchInlineSnapshot(`
      "doc.md:1:1: a scenario document starts with \`# Scenario: <title>\`
        hint: make the first line # Scenario: What it does"
    `);
  });
  it("refuses a second # heading", () => {
    expect(problemsOf(mutate(["## Parameters", "# Another\n\n## Parameters"]))).toMatchInlineSnapshot(`
      "doc.md:15:1: a second # heading "Another"
        hint: a document holds one scenario; use ## for sections"
    `);
  });
  it("keeps an unknown section as documentation, with a note", () => {
    const text = mutate(["## Rollback", "## Design Notes\nSome *text*.\n\n- a point\n\n## Rollback"]);
    const result = parseScenario(text, { file: "doc.md" });
    expect(result.problems).toEqual([]);
    expect(result.definition?.documentation).toEqual([
      {
        title: "Design Notes",
        text: "Some *text*.\n\n- a point",
        position: { file: "doc.md", line: 56, column: 1 },
      },
    ]);
    expect(result.notes?.map(formatProblem).join("\n")).toMatchInlineSnapshot(`
      "doc.md:56:1: "## Design Notes" is documentation: kept and shown, never run
        hint: the sections the engine reads: Metadata, Parameters, Pre-Conditions, Steps, Post-Validation, Rollback, Health Check"
    `);
  });
  it("has no documentation field when every section is known", () => {
    expect(parseScenario(VALID).definition).not.toHaveProperty("documentation");
  });
  it("refuses a section given twice", () => {
    expect(
      problemsOf(`${VALID}\n## Rollback\n1. **Again**\n   \`\`\`bash\n   true\n   \`\`\`\n`),
    ).toMatchInlineSnapshot(`
      "doc.md:63:1: section "## Rollback" appears twice
        hint: merge the two into one"
    `);
  });
  it("needs every required section", () => {
    expect(problemsOf(mutate([/## Post-Validation[\s\S]*?(?=## Health Check)/, ""]))).toMatchInlineSnapshot(`
      "doc.md:1:1: missing section "## Post-Validation"
        hint: add a ## Post-Validation section (see docs/scenario-format.md)"
    `);
  });
  it("needs ordered lists for steps", () => {
    expect(
      problemsOf(mutate(["4. **Ready for review** [checkpoint]", "\n- **Ready for review** [checkpoint]"])),
    ).toMatchInlineSnapshot(`
      "doc.md:44:1: ## Steps must be an ordered list (1. 2. 3.)
        hint: rewrite the items as an ordered list (1. 2. 3.)"
    `);
  });
  it("refuses an empty list section", () => {
    expect(
      problemsOf(
        mutate([/## Post-Validation[\s\S]*?(?=## Health Check)/, "## Post-Validation\nNothing yet.\n\n"]),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:45:1: ## Post-Validation lists nothing
        hint: add at least one item: 1. [ ] What must hold"
    `);
  });
});

describe("metadata rules", () => {
  it("reads only `**Key**: value` lines", () => {
    expect(
      problemsOf(mutate(["- **Complexity**: medium", "- **Complexity**: medium\n- just text"])),
    ).toMatchInlineSnapshot(`
      "doc.md:9:1: a metadata line must read \`**Key**: value\`
        hint: known keys: ID, Object Type, Complexity, Automation, Dependencies, Estimated Duration, Target, Triggers, Env"
    `);
  });
  it("refuses an unknown key", () => {
    expect(
      problemsOf(mutate(["- **Complexity**", "- **Owner**: me\n- **Complexity**"])),
    ).toMatchInlineSnapshot(`
      "doc.md:8:3: unknown metadata key "Owner"
        hint: known keys: ID, Object Type, Complexity, Automation, Dependencies, Estimated Duration, Target, Triggers, Env"
    `);
  });
  it("refuses a key given twice", () => {
    expect(
      problemsOf(mutate(["- **Complexity**: medium", "- **Complexity**: medium\n- **Complexity**: simple"])),
    ).toMatchInlineSnapshot(`
      "doc.md:9:3: metadata key "Complexity" appears twice
        hint: keep one line per key"
    `);
  });
  it("needs a kebab-case id", () => {
    expect(problemsOf(mutate(["`add-rls-policies`", "`Add_RLS`"]))).toMatchInlineSnapshot(`
      "doc.md:6:11: scenario id "Add_RLS" is not kebab-case
        hint: use lowercase words joined by -, e.g. \`add-rls-policies\`"
    `);
  });
  it("needs the id", () => {
    expect(problemsOf(mutate(["- **ID**: `add-rls-policies`\n", ""]))).toMatchInlineSnapshot(`
      "doc.md:5:1: missing **ID** in ## Metadata
        hint: add - **ID**: \`my-scenario\`"
    `);
  });
  it("needs a known object type", () => {
    expect(problemsOf(mutate(["Object Type**: database", "Object Type**: db"]))).toMatchInlineSnapshot(`
      "doc.md:7:20: unknown object type "db"; expected one of service, cli, database, ui, proxy, infra
        hint: write one of service, cli, database, ui, proxy, infra"
    `);
  });
  it("needs a known complexity", () => {
    expect(problemsOf(mutate(["Complexity**: medium", "Complexity**: hard"]))).toMatchInlineSnapshot(`
      "doc.md:8:19: unknown complexity "hard"; expected one of simple, medium, complex
        hint: write one of simple, medium, complex"
    `);
  });
  it("needs automation as a percentage from 0 to 100", () => {
    expect(problemsOf(mutate(["Automation**: 80%", "Automation**: lots"]))).toMatchInlineSnapshot(`
      "doc.md:9:19: automation "lots" is not a percentage
        hint: write a whole number from 0% to 100%"
    `);
    expect(problemsOf(mutate(["Automation**: 80%", "Automation**: 120%"]))).toMatchInlineSnapshot(`
      "doc.md:9:19: automation is above 100%
        hint: write a whole number from 0% to 100%"
    `);
  });
  it("needs a readable estimated duration", () => {
    expect(problemsOf(mutate(["10 minutes", "a while"]))).toMatchInlineSnapshot(`
      "doc.md:11:27: estimated duration "a while" is not a duration
        hint: write e.g. 10 minutes or 1 hour"
    `);
  });
  it("needs dependencies with known types", () => {
    expect(problemsOf(mutate(["(recommended)", "(nice-to-have)"]))).toMatchInlineSnapshot(`
      "doc.md:10:57: unknown dependency type "nice-to-have"; expected one of required, recommended, optional
        hint: write \`id\` (required)"
    `);
  });
  it("needs a readable dependency list", () => {
    expect(
      problemsOf(mutate(["`add-service-tests` (recommended)", "`add-service-tests` (recommended) ) ("])),
    ).toMatchInlineSnapshot(`
      "doc.md:10:56: cannot read the dependency list at " \`add-service-tests\` (recommen"
        hint: write \`id\` (required), \`other-id\` (recommended), or \`none\`"
    `);
  });
  it("refuses a self or repeated dependency", () => {
    expect(
      problemsOf(
        mutate([
          "`add-service-tests` (recommended)",
          "`add-rls-policies`, `create-database-table` (optional)",
        ]),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:10:57: scenario "add-rls-policies" depends on itself
        hint: remove it from **Dependencies**
      doc.md:10:77: dependency "create-database-table" is listed twice
        hint: keep one"
    `);
  });
  it("needs the target to name a parameter", () => {
    expect(problemsOf(mutate(["**Target**: `table`", "**Target**: `tabel`"]))).toMatchInlineSnapshot(`
      "doc.md:12:15: target "tabel" is not a parameter
        hint: name one of: table, owner_column, mode, port, with_tests"
    `);
  });
  it("needs well-formed triggers", () => {
    expect(
      problemsOf(
        mutate([
          /- \*\*Triggers\*\*: .*/,
          "- **Triggers**: content `(` when `x`; files `a/*.sql` params `1=2`; files `b` junk",
        ]),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:13:17: a trigger needs files \`glob\`
        hint: write files \`supabase/migrations/*.sql\` ...
      doc.md:13:17: trigger content is not a valid regular expression: missing closing ): \`(\`
        hint: fix the regex
      doc.md:13:29: unknown trigger keyword "when"
        hint: write files \`glob\` [content \`regex\`] [unless \`regex\`] [params \`k=$1\`], triggers separated by ;
      doc.md:13:39: trigger params "1=2" are not k=v pairs
        hint: write params \`table=$1,mode=owner\`
      doc.md:13:79: cannot read the trigger at "junk"
        hint: write files \`glob\` [content \`regex\`] [unless \`regex\`] [params \`k=$1\`], triggers separated by ;"
    `);
  });
  it("needs trigger params to name the scenario's parameters and what a match can fill", () => {
    expect(
      problemsOf(
        mutate([
          /- \*\*Triggers\*\*: .*/,
          "- **Triggers**: files `a/*.sql` params `tabel=$1`; files `b/*.sql` params `table=$path`; files `c/*.sql` params `table=$folder,mode=$1`",
        ]),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:13:17: trigger params name \`tabel\`, which is not a parameter of this scenario: did you mean \`table\`?
        hint: write params \`table=$1,script=$file\` with this scenario's parameter names
      doc.md:13:52: trigger params use \`$path\`: a value may take $1..$9, $file, $folder and $name
        hint: write params \`table=$1,script=$file\` with this scenario's parameter names"
    `);
  });
});

describe("parameter rules", () => {
  it("needs `name` (flags): description", () => {
    expect(problemsOf(mutate(["- `with_tests`", "- with_tests"]))).toMatchInlineSnapshot(`
      "doc.md:20:1: cannot read this parameter line
        hint: write - \`name\` (required|optional[, string|number|boolean|enum]): Description. Pattern: \`regex\`"
    `);
  });
  it("needs required or optional and a known type", () => {
    expect(problemsOf(mutate(["(optional, boolean)", "(maybe, bool)"]))).toMatchInlineSnapshot(`
      "doc.md:20:17: unknown parameter flag "maybe" for \`with_tests\`
        hint: expected required or optional, then one of string, number, boolean, enum
      doc.md:20:17: unknown parameter flag "bool" for \`with_tests\`
        hint: expected required or optional, then one of string, number, boolean, enum
      doc.md:20:17: parameter \`with_tests\` says neither required nor optional
        hint: write - \`name\` (required|optional[, string|number|boolean|enum]): Description. Pattern: \`regex\`"
    `);
  });
  it("needs snake_case names, each once", () => {
    expect(
      problemsOf(
        mutate(["`owner_column` (optional)", "`Owner-Column` (optional)"], ["`with_tests`", "`port`"]),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:17:4: parameter name "Owner-Column" is not snake_case
        hint: use lowercase letters, digits and _, starting with a letter
      doc.md:20:4: parameter \`port\` is declared twice
        hint: rename or remove one
      doc.md:34:58: unknown placeholder {owner_column|ident}
        hint: declare a parameter \`owner_column\` or use one of: table, Owner-Column, mode, port, timestamp, run_id; write \\{owner_column} for a literal brace"
    `);
  });
  it("refuses a default on a required parameter", () => {
    expect(
      problemsOf(mutate(["Table to protect.", "Table to protect. Default: `users`."])),
    ).toMatchInlineSnapshot(`
      "doc.md:16:41: required parameter \`table\` has a default
        hint: make it (optional), or drop the default"
    `);
  });
  it("needs defaults and examples that satisfy the rules", () => {
    expect(
      problemsOf(
        mutate(
          ["Example: `users`", "Example: `Users`"],
          ["Default: `8080`", "Default: `80`"],
          ["Default: `true`", "Default: `yes`"],
          ["Default: `owner`", "Default: `admin`"],
        ),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:16:72: example "Users" of \`table\` must match the pattern ^[a-z_][a-z0-9_]*$
        hint: give a example that satisfies the parameter's rules
      doc.md:18:47: default "admin" of \`mode\` must be one of owner, read-public
        hint: give a default that satisfies the parameter's rules
      doc.md:19:72: default "80" of \`port\` must be at least 1024
        hint: give a default that satisfies the parameter's rules
      doc.md:20:55: default "yes" of \`with_tests\` must be true or false
        hint: give a default that satisfies the parameter's rules"
    `);
  });
  it("needs a valid pattern, on strings only, and min <= max", () => {
    expect(
      problemsOf(
        mutate(
          ["Pattern: `^[a-z_][a-z0-9_]*$`", "Pattern: `^[a-z`"],
          ["Min: 1024. Max: 65535.", "Min: 9. Max: 2. Pattern: `\\d+`."],
        ),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:16:41: pattern of \`table\` is not a valid regular expression: missing closing ]: \`[a-z\`
        hint: fix the regex
      doc.md:19:49: min 9 of \`port\` is above its max 2
        hint: swap them
      doc.md:19:65: pattern only applies to string parameters; \`port\` is a number
        hint: drop the pattern"
    `);
  });
  it("refuses patterns that need backtracking (lookaround, backreferences)", () => {
    expect(
      problemsOf(mutate(["Pattern: `^[a-z_][a-z0-9_]*$`", "Pattern: `(?!pg_)[a-z_]+`"])),
    ).toMatchInlineSnapshot(`
        "doc.md:16:41: pattern of \`table\` is not a valid regular expression: invalid or unsupported Perl syntax: \`(?!\` (lookaround and backreferences are not supported: patterns are matched in linear time)
          hint: fix the regex"
      `);
  });
  it("needs enum values on enums only", () => {
    expect(
      problemsOf(
        mutate(["(optional): 'owner' | 'read-public'", "(optional, number): 'owner' | 'read-public'"]),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:18:11: parameter \`mode\` lists values 'a' | 'b' but is a number
        hint: drop the type to make it an enum"
    `);
    expect(
      problemsOf(mutate(["`owner_column` (optional)", "`owner_column` (optional, enum)"])),
    ).toMatchInlineSnapshot(`
      "doc.md:17:19: enum parameter \`owner_column\` lists no values
        hint: write the values in the description: 'a' | 'b'"
    `);
  });
  it("needs numbers for min and max", () => {
    expect(problemsOf(mutate(["Min: 1024.", "Min: low."]))).toMatchInlineSnapshot(`
      "doc.md:19:49: Min of \`port\` must be a number, got "low"
        hint: write Min: 1"
    `);
  });
});

describe("condition rules", () => {
  it("needs a checkbox", () => {
    expect(problemsOf(mutate(["2. [ ] Someone agreed", "2. Someone agreed"]))).toMatchInlineSnapshot(`
      "doc.md:27:1: a Pre-Conditions item must start with a checkbox
        hint: write 1. [ ] What must hold"
    `);
  });
  it("needs shell blocks to be checks, one per item", () => {
    expect(
      problemsOf(
        mutate([
          "   ```bash check\n   grep -rqi",
          "   ```bash check\n   true\n   ```\n   ```bash check\n   grep -rqi",
        ]),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:27:4: a Pre-Conditions item holds more than one check block
        hint: merge them into one script, or split the item"
    `);
    expect(problemsOf(mutate(["```bash check\n   grep -q", "```bash\n   grep -q"]))).toMatchInlineSnapshot(`
      "doc.md:47:4: a shell block in Post-Validation must be a check
        hint: write \`\`\`bash check (its exit status is the verdict), or use another language for documentation"
    `);
  });
  it("needs check blocks to be shell", () => {
    expect(
      problemsOf(mutate(["```bash check\n   grep -q", "```sql check\n   grep -q"])),
    ).toMatchInlineSnapshot(`
      "doc.md:47:4: a check block must be a shell block (bash, sh, shell), got "sql"
        hint: write \`\`\`bash check"
    `);
  });
});

describe("established-by (a pre-condition that a required dependency makes hold)", () => {
  const linked = (meta: string) =>
    mutate([
      "1. [ ] A migration creates the table\n   ```bash check",
      `1. [ ] A migration creates the table\n   \`\`\`bash check ${meta}`,
    ]);

  it("is read on a pre-condition's check that names a required dependency", () => {
    const def = parseScenarioOrThrow(linked("established-by=create-database-table"));
    expect(def.preConditions[0]?.check?.establishedBy).toBe("create-database-table");
    expect(def.preConditions[1]?.check).toBeUndefined();
  });

  it("must name a required dependency of the document, not a recommended one or another scenario", () => {
    expect(problemsOf(linked("established-by=add-service-tests"))).toMatchInlineSnapshot(`
      "doc.md:24:4: pre-condition 1 is established by "add-service-tests", which is not a required dependency of this scenario
        hint: name one of: create-database-table; or list add-service-tests in **Dependencies** as \`add-service-tests\` (required)"
    `);
    expect(
      problemsOf(
        mutate(
          ["`create-database-table` (required), `add-service-tests` (recommended)", "none"],
          [
            "1. [ ] A migration creates the table\n   ```bash check",
            "1. [ ] A migration creates the table\n   ```bash check established-by=create-database-table",
          ],
        ),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:24:4: pre-condition 1 is established by "create-database-table", which is not a required dependency of this scenario
        hint: list it in **Dependencies** as \`create-database-table\` (required), or remove established-by"
    `);
  });

  it("belongs on a pre-condition's check block only", () => {
    expect(
      problemsOf(
        mutate([
          "1. [ ] Row level security is enabled\n   ```bash check",
          "1. [ ] Row level security is enabled\n   ```bash check established-by=create-database-table",
        ]),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:47:4: \`established-by\` belongs on a pre-condition's check block only
        hint: remove it here; in ## Pre-Conditions write \`\`\`bash check established-by=<required dependency>"
    `);
    expect(
      problemsOf(
        mutate(["   ```bash\n   ./scripts", "   ```bash established-by=create-database-table\n   ./scripts"]),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:37:4: \`established-by\` belongs on a pre-condition's check block only
        hint: remove it here; in ## Pre-Conditions write \`\`\`bash check established-by=<required dependency>"
    `);
  });
});

describe("step rules", () => {
  it("needs a bold name", () => {
    expect(
      problemsOf(mutate(["4. **Ready for review** [checkpoint]", "4. Ready for review [checkpoint]"])),
    ).toMatchInlineSnapshot(`
      "doc.md:43:1: step 4 does not start with a bold name
        hint: write 1. **What it does** [automated]"
    `);
  });
  it("needs a kind", () => {
    expect(
      problemsOf(mutate(["**Ready for review** [checkpoint]", "**Ready for review**"])),
    ).toMatchInlineSnapshot(`
      "doc.md:43:24: step "Ready for review" has no kind
        hint: write **Ready for review** [kind], kind one of automated, manual, validation, checkpoint"
    `);
  });
  it("refuses an unknown kind", () => {
    expect(problemsOf(mutate(["[automated]", "[automatic]"]))).toMatchInlineSnapshot(`
      "doc.md:30:35: unknown step kind "[automatic]"; expected one of automated, manual, validation, checkpoint
        hint: a step's kind says how it runs"
    `);
  });
  it("refuses unknown step options", () => {
    expect(
      problemsOf(mutate(["[validation, timeout=120s]", "[validation, retries=3]"])),
    ).toMatchInlineSnapshot(`
      "doc.md:36:39: unknown step option "retries=3" in [validation, retries=3]
        hint: the only step option is timeout=<N>s or timeout=<N>m"
    `);
  });
  it("needs what each kind runs", () => {
    const text = mutate(
      [/ {3}```sql file=[\s\S]*?```\n/, ""],
      [
        "   ```bash\n   ./scripts/check-rls.sh {table} '{mode}'\n   ```",
        "   ```ts file=x.ts\n   export {};\n   ```",
      ],
      [/ {3}- \[ \] Policies[\s\S]*?indexed\n/, ""],
      [
        "4. **Ready for review** [checkpoint]",
        "4. **Ready for review** [checkpoint]\n   ```bash\n   true\n   ```",
      ],
    );
    expect(problemsOf(text)).toMatchInlineSnapshot(`
      "doc.md:30:1: automated step "Write the policy migration" has no shell or file block
        hint: add a \`\`\`bash block or a \`\`\`lang file=path block, or make it [manual]
      doc.md:32:1: validation step "Apply it to a scratch database" has no shell block
        hint: add a \`\`\`bash block whose exit status is the verdict
      doc.md:32:1: validation step "Apply it to a scratch database" writes a file
        hint: move the file= block to an [automated] step
      doc.md:36:1: manual step "Review the policies with the data owner" has no checklist
        hint: add items such as - [ ] What the person must do
      doc.md:37:1: checkpoint step "Ready for review" holds shell or file blocks, which would never run
        hint: make it [automated], or use a non-shell language for examples"
    `);
  });
});

describe("code block rules", () => {
  it("refuses unknown options, append without file and bad timeouts on runnable blocks", () => {
    expect(
      problemsOf(
        mutate([
          "   ```bash\n   ./scripts",
          "   ```bash append no-final-newline timeout=soon title=x\n   ./scripts",
        ]),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:37:4: bad timeout "soon" on a code block
        hint: write timeout=90s or timeout=2m
      doc.md:37:4: unknown code block option "title=x"
        hint: known options: file=<path>, cwd=<dir>, timeout=<N>s|<N>m, check, append, no-final-newline, established-by=<scenario id>
      doc.md:37:4: \`append\` needs file=<path>
        hint: write \`\`\`lang file=path/to/file append
      doc.md:37:4: \`no-final-newline\` needs file=<path>
        hint: write \`\`\`lang file=path/to/file no-final-newline"
    `);
  });
  it("lets documentation blocks carry any option", () => {
    expect(
      problemsOf(
        mutate([
          "4. **Ready for review** [checkpoint]",
          "4. **Ready for review** [checkpoint]\n   ```ts title=x {1,2}\n   <p>{count}</p>\n   ```",
        ]),
      ),
    ).toBe("(no problems)");
  });
  it("reads cwd, append, no-final-newline and timeouts", () => {
    const def = parseScenarioOrThrow(
      mutate(["```sql file=supabase", "```sql append cwd={table} timeout=2m no-final-newline file=supabase"]),
    );
    expect(def.steps[0]?.blocks[0]).toMatchObject({
      append: true,
      noFinalNewline: true,
      cwd: "{table}",
      timeoutMs: 120_000,
    });
  });
  it("needs exactly one shell block in the health check", () => {
    expect(problemsOf(mutate(["## Health Check\n```bash", "## Health Check\n```js"]))).toMatchInlineSnapshot(`
      "doc.md:52:1: the health check must be a shell block
        hint: write it as a \`\`\`bash block"
    `);
    expect(
      problemsOf(
        mutate(
          ["## Health Check\n```bash", "## Health Check\nNothing.\n\n```bash"],
          ["\n## Rollback", "```bash\ntrue\n```\n\n## Rollback"],
        ),
      ),
    ).toMatchInlineSnapshot(`
      "doc.md:51:1: ## Health Check must hold exactly one shell block, found 2
        hint: write one \`\`\`bash block"
    `);
  });
});

describe("placeholder rules", () => {
  it("points at unknown placeholders wherever they stand", () => {
    const text = mutate(
      ["_rls_{table}.sql\n   alter", "_rls_{tabel}.sql\n   alter"],
      ["using ({owner_column|ident}", "using ({owner|ident}"],
      ["read and write `{table}`", "read and write `{who}`"],
      ["**Remove the migration**", "**Remove {what}**"],
      ["What this step does", "What {this} step does"],
    );
    expect(problemsOf(text)).toMatchInlineSnapshot(`
      "doc.md:31:9: unknown placeholder {this}
        hint: declare a parameter \`this\` or use one of: table, owner_column, mode, port, with_tests, timestamp, run_id; write \\{this} for a literal brace
      doc.md:32:52: unknown placeholder {tabel}
        hint: declare a parameter \`tabel\` or use one of: table, owner_column, mode, port, with_tests, timestamp, run_id; write \\{tabel} for a literal brace
      doc.md:34:58: unknown placeholder {owner|ident}
        hint: declare a parameter \`owner\` or use one of: table, owner_column, mode, port, with_tests, timestamp, run_id; write \\{owner} for a literal brace
      doc.md:41:49: unknown placeholder {who}
        hint: declare a parameter \`who\` or use one of: table, owner_column, mode, port, with_tests, timestamp, run_id; write \\{who} for a literal brace
      doc.md:57:13: unknown placeholder {what}
        hint: declare a parameter \`what\` or use one of: table, owner_column, mode, port, with_tests, timestamp, run_id; write \\{what} for a literal brace"
    `);
  });
  it("points at unknown filters", () => {
    expect(problemsOf(mutate(["{table|ident} enable", "{table|upper|ident} enable"]))).toMatchInlineSnapshot(`
      "doc.md:33:23: unknown filter "upper" in {table|upper|ident}
        hint: expected one of pascal, camel, snake, kebab, ident"
    `);
  });
  it("leaves escapes, ${...}, spaced braces and built-ins alone", () => {
    const text = mutate([
      "./scripts/check-rls.sh {table} '{mode}'",
      "echo \\{nope} ${HOME} ${lower} { a, b } {run_id} {timestamp|snake}\n   awk '{print $1}'",
    ]);
    expect(problemsOf(text)).toBe("(no problems)");
  });
  it("points at ${param} written for {param}, in single quotes and out, with what to write instead", () => {
    const text = mutate([
      "./scripts/check-rls.sh {table} '{mode}'",
      "node -e 'console.log(`${table|pascal}`)'\n   echo \"${mode} ${timestamp}\" '${table}'",
    ]);
    expect(problemsOf(text)).toMatchInlineSnapshot(`
      "doc.md:38:26: \${table|pascal} is not the value of {table}: \${...} is never a placeholder, and inside single quotes bash passes it on as the text \${table|pascal}
        hint: write {table|pascal} (the engine quotes the value for where it stands, closing the single quotes around it)
      doc.md:39:10: \${mode} is not the value of {mode}: \${...} is never a placeholder, and bash expands its own variable mode, which this script never sets (the step fails: mode: unbound variable)
        hint: write {mode} (the engine quotes the value for where it stands), or "$SCENARIO_PARAM_MODE" outside single quotes
      doc.md:39:18: \${timestamp} is not the value of {timestamp}: \${...} is never a placeholder, and bash expands its own variable timestamp, which this script never sets (the step fails: timestamp: unbound variable)
        hint: write {timestamp} (the engine quotes the value for where it stands), or "$SCENARIO_TIMESTAMP" outside single quotes
      doc.md:39:33: \${table} is not the value of {table}: \${...} is never a placeholder, and inside single quotes bash passes it on as the text \${table}
        hint: write {table} (the engine quotes the value for where it stands, closing the single quotes around it), or "$SCENARIO_PARAM_TABLE" outside single quotes"
    `);
  });
  it("leaves ${param} alone where the script sets that variable itself", () => {
    const text = mutate([
      "./scripts/check-rls.sh {table} '{mode}'",
      "for table in a b; do echo \"${table}\"; done\n   node -e 'const mode = 1; console.log(`${mode}`)'",
    ]);
    expect(problemsOf(text)).toBe("(no problems)");
  });
  it("refuses a placeholder in a quoted heredoc", () => {
    const text = mutate(["./scripts/check-rls.sh {table} '{mode}'", "cat <<'EOF'\n   {table}\n   EOF"]);
    expect(problemsOf(text)).toMatchInlineSnapshot(`
      "doc.md:39:4: placeholder {table} sits in a quoted heredoc (<<'EOF'), where it cannot expand
        hint: unquote the heredoc delimiter (<<EOF), or write the content with a file= block"
    `);
  });
  it("refuses a non-number placeholder in arithmetic, allows a number one", () => {
    const text = mutate([
      "./scripts/check-rls.sh {table} '{mode}'",
      "echo $(( {table} + 1 )) $(( {port} + 1 ))",
    ]);
    expect(problemsOf(text)).toMatchInlineSnapshot(`
      "doc.md:38:13: placeholder {table} sits in an arithmetic expression, which would evaluate its text as code
        hint: use a number parameter here (its value is checked as a whole number when the run starts), or compare the value as a string ([[ $x == ... ]])"
    `);
  });
});

describe("the documented format", () => {
  it("parses the example in docs/scenario-format.md without a problem", async () => {
    const { readFile } = await import("node:fs/promises");
    const docs = await readFile(new URL("../../docs/scenario-format.md", import.meta.url), "utf8");
    const example = /^````markdown\n([\s\S]*?)^````$/m.exec(docs)?.[1] ?? "";
    const result = parseScenario(example, { file: "docs/scenario-format.md" });
    expect(result.problems).toEqual([]);
    expect(result.definition?.steps.map((s) => s.kind)).toEqual([
      "automated",
      "validation",
      "manual",
      "checkpoint",
    ]);
  });
});

describe("line endings and byte order marks", () => {
  const plain = parseScenarioOrThrow(VALID);

  it("reads a CRLF document exactly like an LF one (no \\r reaches a script)", () => {
    const crlf = parseScenarioOrThrow(VALID.replaceAll("\n", "\r\n"));
    expect(crlf.steps).toEqual(plain.steps);
    expect(crlf.steps[0]?.blocks[0]?.content).not.toContain("\r");
  });

  it("ignores a leading byte order mark", () => {
    expect(parseScenarioOrThrow(`\uFEFF${VALID}`).parameters).toEqual(plain.parameters);
  });
});
