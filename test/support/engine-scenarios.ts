// Builds ScenarioDefinition objects for engine tests without going through markdown, so the engine's
// tests do not depend on the parser's progress. Positions point at a made-up file, as the parser's would.
import type {
  Block,
  Condition,
  ParameterDefinition,
  RollbackStep,
  ScenarioDefinition,
  Step,
} from "../../src/scenario/types.ts";

let line = 1;
const pos = (file: string) => ({ file, line: line++, column: 1 });

export function shell(content: string, extra: Partial<Block> = {}): Block {
  return {
    lang: "bash",
    kind: "shell",
    append: false,
    check: false,
    content,
    position: pos("t.md"),
    ...extra,
  };
}

export function file(path: string, content: string, extra: Partial<Block> = {}): Block {
  return {
    lang: "text",
    kind: "file",
    path,
    append: false,
    check: false,
    content,
    position: pos("t.md"),
    ...extra,
  };
}

export function check(text: string, content: string): Condition {
  return { text, check: shell(content, { check: true }), position: pos("t.md") };
}

export function param(name: string, extra: Partial<ParameterDefinition> = {}): ParameterDefinition {
  return {
    name,
    type: "string",
    required: true,
    description: `The ${name}.`,
    example: "users",
    position: pos("t.md"),
    ...extra,
  };
}

export function step(
  name: string,
  kind: Step["kind"],
  blocks: Block[] = [],
  extra: Partial<Step> = {},
): Step {
  return { number: 0, name, kind, description: "", blocks, checklist: [], position: pos("t.md"), ...extra };
}

export function rollbackStep(name: string, content: string): RollbackStep {
  return { number: 0, name, description: "", blocks: [shell(content)], position: pos("t.md") };
}

export function scenario(id: string, extra: Partial<ScenarioDefinition> = {}): ScenarioDefinition {
  const file = `scenarios/${id}.md`;
  const s: ScenarioDefinition = {
    id,
    title: id.replaceAll("-", " "),
    description: "",
    objectType: "database",
    complexity: "simple",
    automation: 100,
    dependencies: [],
    parameters: [],
    preConditions: [],
    steps: [],
    postValidation: [],
    rollback: [],
    triggers: [],
    template: false,
    file,
    position: { file, line: 1, column: 1 },
    ...extra,
  };
  s.steps = s.steps.map((st, i) => ({ ...st, number: i + 1 }));
  s.rollback = s.rollback.map((r, i) => ({ ...r, number: i + 1 }));
  return s;
}
