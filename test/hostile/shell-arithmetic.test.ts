// Bash evaluates arithmetic in more places than `$(( ))`, and arithmetic runs `$(...)` found in an
// array subscript of a variable's value: `count=BASH_VERSINFO[$(id>/tmp/x)0]` reaching `[[ $count -gt 0 ]]`
// ran `id` through the CLI, with a document `validate` accepted. Every such place now makes a string
// placeholder a validation error, and a number placeholder's value is checked as a whole number.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { parseScenario } from "../../src/scenario/index.ts";
import { makeRepo, useEngineDb } from "../support/engine-harness.ts";

const store = useEngineDb("hostile_arith");
const work = mkdtempSync(path.join(tmpdir(), "arith-"));
const canary = path.join(work, "canary");
afterAll(() => rmSync(work, { recursive: true, force: true }));

const HOSTILE = `BASH_VERSINFO[$(touch ${canary})0]`;

const CONTEXTS: [string, string][] = [
  ["a [[ -gt ]] operand", "if [[ {v} -gt 0 ]]; then echo big; fi"],
  ["a [[ -eq ]] operand, quoted", '[[ "{v}" -eq 1 ]] || true'],
  ["a variable set from it in [[ -gt ]]", "count={v}\nif [[ $count -gt 0 ]]; then echo big; fi"],
  ["a variable set from it in (( ))", 'count="{v}"\n(( count > 0 )) || true'],
  ["a let argument", "let n={v}+1"],
  ["a declare -i value", "declare -i n={v}"],
  ["a local -i value in a function", "f() { local -ri n={v}; echo $n; }\nf"],
  ["an array subscript", "arr=(a b c)\necho ${arr[{v}]}"],
  ["an assignment subscript", "arr[{v}]=x"],
  ["$[ ]", "echo $[ {v} + 1 ]"],
  ["a substring offset", "s=abcdef\necho ${s:{v}}"],
  ["a for variable in $(( ))", "for n in {v}; do echo $(( n + 1 )); done"],
  ["a [[ ]] operand inside $( )", "x=$( [[ {v} -lt 3 ]] && echo small )"],
];

function documentWith(script: string, type: "string" | "number"): string {
  const body = script
    .split("\n")
    .map((l) => `   ${l}`)
    .join("\n");
  return `# Scenario: Arithmetic

Puts a parameter where bash evaluates arithmetic.

## Metadata
- **ID**: \`arith\`
- **Object Type**: infra
- **Complexity**: simple
- **Automation**: 100%
- **Dependencies**: none

## Parameters
- \`v\` (required${type === "number" ? ", number" : ""}): A value. Example: \`1\`

## Steps
1. **Compute** [automated]
   \`\`\`bash
${body}
   \`\`\`

## Post-Validation
1. [ ] Nothing to check

## Rollback
1. **Nothing**
   \`\`\`bash
   true
   \`\`\`
`;
}

describe("placeholders where bash evaluates arithmetic", () => {
  it.each(CONTEXTS)("%s: a string parameter is refused by validate, naming the place", (_why, script) => {
    const { problems } = parseScenario(documentWith(script, "string"), { file: "arith.md" });
    const messages = problems.map((p) => p.message);
    expect(
      messages.some((m) => m.startsWith("placeholder {v}") && /arithmetic/.test(m)),
      messages.join("\n"),
    ).toBe(true);
  });

  it.each(CONTEXTS)("%s: a number parameter validates", (_why, script) => {
    expect(parseScenario(documentWith(script, "number"), { file: "arith.md" }).problems).toEqual([]);
  });

  it("stays quiet where bash does not evaluate arithmetic", () => {
    for (const script of [
      "if [[ {v} == 1 ]]; then echo one; fi",
      'x={v}\necho "$x" | wc -c',
      "x={v}\n[[ $x =~ ^[0-9]+$ ]] && echo digits",
      "echo ${HOME} {v}",
      "test {v} -gt 0 || true",
    ]) {
      expect(parseScenario(documentWith(script, "string"), { file: "arith.md" }).problems, script).toEqual(
        [],
      );
    }
  });

  it("the CLI refuses the document before anything runs, and the value never executes", async () => {
    const dir = makeRepo();
    try {
      const scenarios = path.join(work, "scenarios");
      mkdirSync(scenarios, { recursive: true });
      for (const [i, [, script]] of CONTEXTS.entries()) {
        writeFileSync(path.join(scenarios, "arith.md"), documentWith(script, "string"));
        const err: string[] = [];
        const io = { stdout: () => {}, stderr: (t: string) => err.push(t), cwd: dir.dir, isTTY: false };
        const env = { ...process.env, DATABASE_URL: store.url };
        expect(await main(["validate", "--scenarios", scenarios], { ...io, env }), script).toBe(1);
        const code = await main(
          ["run", "arith", `v=${HOSTILE}`, "--scenarios", scenarios, "--repo", dir.dir],
          {
            ...io,
            env,
          },
        );
        expect(code, `${i}: ${script}`).not.toBe(0);
        expect(err.join(""), script).toMatch(/arithmetic/);
        expect(existsSync(canary), script).toBe(false);
      }
      // A number parameter: a value that is not a number is refused before the run, a number runs.
      writeFileSync(path.join(scenarios, "arith.md"), documentWith(CONTEXTS[2]?.[1] as string, "number"));
      const io = { stdout: () => {}, stderr: () => {}, cwd: dir.dir, isTTY: false };
      const env = { ...process.env, DATABASE_URL: store.url };
      expect(
        await main(["run", "arith", `v=${HOSTILE}`, "--scenarios", scenarios, "--repo", dir.dir], {
          ...io,
          env,
        }),
      ).not.toBe(0);
      expect(existsSync(canary)).toBe(false);
      expect(
        await main(["run", "arith", "v=3", "--scenarios", scenarios, "--repo", dir.dir], { ...io, env }),
      ).toBe(0);
    } finally {
      dir.cleanup();
    }
  });
});
