// ScenarioDefinition objects for store tests, shaped as the parser produces them.
import type { ScenarioDefinition, Step } from "../../src/scenario/types.ts";

const at = (file: string, line: number) => ({ file, line, column: 1 });

export function makeScenario(
  id: string,
  options: {
    deps?: [string, "required" | "recommended" | "optional"][];
    steps?: number;
    template?: boolean;
  } = {},
): ScenarioDefinition {
  const file = `${options.template ? "templates" : "database"}/${id}.md`;
  const steps: Step[] = Array.from({ length: options.steps ?? 3 }, (_, i) => ({
    number: i + 1,
    name: `Step ${i + 1} of ${id}`,
    kind: (["automated", "validation", "manual", "checkpoint"] as const)[i % 4] ?? "automated",
    description: i === 0 ? "Writes the migration." : "",
    blocks: [],
    checklist: [],
    position: at(file, 20 + i * 5),
  }));
  return {
    id,
    title: `Scenario ${id}`,
    description: `Does ${id}.`,
    objectType: "database",
    complexity: "medium",
    automation: 80,
    dependencies: (options.deps ?? []).map(([dep, type]) => ({ id: dep, type, position: at(file, 8) })),
    parameters: [
      {
        name: "table",
        type: "string",
        required: true,
        pattern: "^[a-z_][a-z0-9_]*$",
        description: "Table to protect.",
        example: "users",
        position: at(file, 12),
      },
      {
        name: "mode",
        type: "enum",
        required: false,
        values: ["owner", "read-public"],
        default: "owner",
        description: "Policy model.",
        example: "owner",
        position: at(file, 13),
      },
      {
        name: "port",
        type: "number",
        required: false,
        min: 1024,
        max: 65535,
        default: 8080,
        description: "Port.",
        example: "8080",
        position: at(file, 14),
      },
    ],
    preConditions: [],
    steps,
    postValidation: [],
    rollback: [],
    triggers: [],
    template: options.template ?? false,
    file,
    position: at(file, 1),
  };
}
