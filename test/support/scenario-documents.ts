import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseScenario } from "../../src/scenario/parse.ts";
import { formatProblem } from "../../src/scenario/problems.ts";

export const FIXTURES = fileURLToPath(new URL("../scenario/fixtures/", import.meta.url));

/** The valid reference document every failing fixture is derived from. */
export const VALID = readFileSync(`${FIXTURES}catalog/database/add-rls-policies.md`, "utf8");

/** The valid document with each `[from, to]` replaced (each `from` must occur). */
export function mutate(...edits: [string | RegExp, string][]): string {
  let text = VALID;
  for (const [from, to] of edits) {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`fixture edit did not apply: ${String(from)}`);
    text = next;
  }
  return text;
}

/** The problems of a document as the CLI prints them. */
export function problemsOf(text: string, file = "doc.md"): string {
  const result = parseScenario(text, { file });
  if (result.definition && result.problems.length === 0) return "(no problems)";
  return result.problems.map(formatProblem).join("\n");
}

/** A minimal valid document with the given id and dependency line. */
export function doc(id: string, dependencies = "none"): string {
  return `# Scenario: ${id}

## Metadata
- **ID**: \`${id}\`
- **Object Type**: infra
- **Complexity**: simple
- **Automation**: 100%
- **Dependencies**: ${dependencies}

## Parameters
- \`name\` (required): A name.

## Steps
1. **Do it** [automated]
   \`\`\`bash
   echo {name}
   \`\`\`

## Post-Validation
1. [ ] Done

## Rollback
1. Nothing to undo
`;
}
