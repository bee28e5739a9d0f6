// A draft scenario as data, before it is written: what `scenario import` makes of a loose recipe and
// `/scenario learn` of a merged pull request. Every guess is kept beside what it is about, so that the
// rendered document marks each one for its author (render.ts).
import type { RootContent } from "mdast";
import type { Complexity, ObjectType, StepKind } from "../../scenario/index.ts";
import type { GuessedParameter, NameMap } from "./names.ts";

export interface DraftStep {
  name: string;
  kind: StepKind;
  /** Prose, documentation blocks and runnable blocks, in order. */
  content: RootContent[];
  checklist: string[];
  /** What was guessed here, for the author. */
  guesses: string[];
}

export interface DraftCondition {
  text: string;
  check?: string;
  guess?: string;
}

export interface DraftRollback {
  name: string;
  content: RootContent[];
}

export interface Draft {
  id: string;
  title: string;
  description: RootContent[];
  objectType: ObjectType;
  complexity: Complexity;
  minutes?: number;
  metaGuesses: string[];
  parameters: GuessedParameter[];
  preConditions: DraftCondition[];
  steps: DraftStep[];
  postValidation: DraftCondition[];
  rollback: DraftRollback[];
  documentation: { title: string; nodes: RootContent[] }[];
  names: NameMap;
}

const SHELL = new Set(["bash", "sh", "shell", "zsh"]);

/** A runnable block shown as an example (a manual step must hold none that would run). */
export function toExample(node: RootContent): RootContent {
  if (node.type !== "code") return node;
  if (node.meta?.includes("file=")) return { type: "code", lang: node.lang, value: node.value };
  return SHELL.has((node.lang ?? "").toLowerCase())
    ? { type: "code", lang: "console", value: node.value }
    : node;
}

const TYPES: [RegExp, ObjectType][] = [
  [/proxy/i, "proxy"],
  [/database|table|migration|schema/i, "database"],
  [/\bpage\b|component|\bui\b|screen/i, "ui"],
  [/service/i, "service"],
  [/\bcli\b|command|pipeline/i, "cli"],
];

/** The object type a title (and file names) suggest; `infra` when nothing does. */
export function objectTypeOf(haystack: string): ObjectType {
  return TYPES.find(([re]) => re.test(haystack))?.[1] ?? "infra";
}

/** `Add FormatterService singleton` -> `add-formatterservice-singleton`: a scenario id's shape. */
export function kebabId(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .replace(/^(\d)/, "s-$1");
}
