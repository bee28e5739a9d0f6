// `/scenario list [type]`, `/scenario help [id]`, `/scenario suggest <text>`, and looking a scenario
// id up: read-only answers from the repository's catalog.
import { SUBCOMMANDS, suggest } from "../../../command/index.ts";
import {
  type Block,
  code,
  codeBlock,
  documentMarkdown,
  type Inline,
  inline,
  list,
  paragraph,
  render,
  strong,
  table,
} from "../../../markdown/index.ts";
import {
  closestIds,
  type DocumentProblem,
  OBJECT_TYPES,
  type ScenarioDefinition,
} from "../../../scenario/index.ts";
import type { RepoCatalog } from "../../repository/catalog.ts";
import { commandFor, joined } from "./plan.ts";

export const GRAMMAR = [
  "/scenario <id> name=value ... [--dry-run]   start a run (write access)",
  "/scenario plan <id> name=value ...          show what a run would do",
  "/scenario list [type]                       the scenarios, optionally of one object type",
  "/scenario help [id]                         this help, or a scenario's parameters and steps",
  "/scenario status [run]                      a run's state (default: this issue's latest)",
  "/scenario resume [run]                      continue a waiting run (write access)",
  "/scenario rollback [run]                    undo a run (write access)",
  "/scenario cancel [run]                      stop a run (write access)",
  "/scenario suggest <free text>               scenarios that match a description",
  "/scenario learn                             on a merged pull request: a draft scenario of its change (write access)",
].join("\n");

export type Lookup = { found: ScenarioDefinition } | { found?: undefined; message: string };

export function findScenario(catalog: RepoCatalog, id: string): Lookup {
  const found = catalog.get(id);
  if (found) return { found };
  const file = catalog.fileOf(id);
  const where = file ? [" (", code(file), ")"] : [];
  if (catalog.templates.some((t) => t.id === id)) {
    return {
      message: inline(
        code(id),
        ...where,
        " is a template: it is validated but never run. Copy it out of ",
        code("templates/"),
        " to use it.",
      ),
    };
  }
  if (catalog.ids().includes(id)) {
    const problems = catalog.problems.filter(
      (p) => p.position.file === file || p.message.includes(`"${id}"`),
    );
    return {
      message: `${inline("the document for ", code(id), ...where, " has problems, so it can't run until they are fixed on the default branch:")}\n\n${problemList(problems)}`,
    };
  }
  const ids = catalog.scenarios.map((s) => s.id);
  const near = new Set<string>(closestIds(id, [...ids, ...SUBCOMMANDS]));
  for (const s of suggest(id.replace(/-/g, " "), catalog.scenarios, 3)) near.add(s.id);
  const hint = near.size
    ? inline("Did you mean ", ...[...near].flatMap((n, i) => (i === 0 ? [code(n)] : [" or ", code(n)])), "?")
    : inline("Known scenarios: ", ...(ids.length ? joined(ids) : ["none"]), ".");
  const source =
    catalog.source === "repository"
      ? "this repository's scenarios"
      : "the scenarios shipped with scenario-bot";
  return {
    message: `${inline("there is no scenario ", code(id), ` in ${source}.`)} ${hint} ${inline(code("/scenario list"), " shows them all.")}`,
  };
}

export function problemList(problems: readonly DocumentProblem[], max = 10): string {
  const items = problems.slice(0, max).map((p) => {
    const at = `${p.position.file}:${p.position.line}:${p.position.column}`;
    return [code(at), ` ${p.message}${p.hint ? ` (${p.hint})` : ""}`];
  });
  if (problems.length > max) items.push([`...and ${problems.length - max} more`]);
  return render([list(items)]);
}

export function listReply(catalog: RepoCatalog, type: string | undefined): string {
  if (type !== undefined && !(OBJECT_TYPES as readonly string[]).includes(type)) {
    return inline(code(type), " is not an object type. Types: ", ...joined(OBJECT_TYPES), ".");
  }
  const shown = catalog.scenarios.filter((d) => type === undefined || d.objectType === type);
  const blocks: (Block | string)[] = [
    paragraph(
      `${shown.length} scenario${shown.length === 1 ? "" : "s"}`,
      ...(type ? [" of type ", code(type)] : []),
      ":",
    ),
  ];
  if (shown.length) {
    blocks.push(
      table(
        ["id", "title", "type", "automation"],
        shown.map((d) => [code(d.id), d.title, d.objectType, `${d.automation}%`]),
      ),
    );
  }
  const text = [render(blocks)];
  if (catalog.notice) text.push(catalog.notice);
  if (catalog.problems.length)
    text.push("Some documents have problems and are left out:", problemList(catalog.problems));
  return text.join("\n\n");
}

export function helpReply(catalog: RepoCatalog, id: string | undefined): string {
  if (!id) {
    return render([
      paragraph("commands:"),
      codeBlock(GRAMMAR),
      paragraph("Values with spaces are quoted: ", code('title="two words"'), "."),
    ]);
  }
  const lookup = findScenario(catalog, id);
  if (!lookup.found) return lookup.message;
  const d = lookup.found;
  const blocks: (Block | string)[] = [
    paragraph(strong(d.title), " (", code(d.id), `, ${d.objectType}, ${d.complexity})`),
    documentMarkdown(d.description),
  ];
  if (d.parameters.length) {
    blocks.push(
      table(
        ["parameter", "required", "type", "rules", "example"],
        d.parameters.map((p) => [
          code(p.name),
          p.required ? "yes" : "no",
          p.type,
          rulesOf(p),
          code(p.example),
        ]),
      ),
    );
  }
  if (d.dependencies.length) {
    blocks.push(
      paragraph(
        "Dependencies: ",
        ...d.dependencies.flatMap((x, i) => [...(i ? [", "] : []), code(x.id), ` (${x.type})`]),
      ),
    );
  }
  blocks.push(
    paragraph("Steps:"),
    list(
      d.steps.map((st) => [`${st.name} `, code(`[${st.kind}]`)]),
      true,
    ),
  );
  const example = Object.fromEntries(d.parameters.filter((p) => p.required).map((p) => [p.name, p.example]));
  blocks.push(paragraph("Run: ", code(commandFor(d.id, example))));
  return render(blocks);
}

function rulesOf(p: ScenarioDefinition["parameters"][number]): Inline[] {
  const rules: Inline[][] = [];
  if (p.values) rules.push([`one of ${p.values.join(", ")}`]);
  if (p.pattern) rules.push(["pattern ", code(p.pattern)]);
  if (p.min !== undefined) rules.push([`min ${p.min}`]);
  if (p.max !== undefined) rules.push([`max ${p.max}`]);
  if (p.default !== undefined) rules.push(["default ", code(String(p.default))]);
  return rules.flatMap((r, i) => (i ? ["; ", ...r] : r));
}

export function suggestReply(catalog: RepoCatalog, query: string): string {
  const ranked = suggest(query, catalog.scenarios);
  if (!ranked.length)
    return inline("no scenario matches that description. ", code("/scenario list"), " shows them all.");
  return render([
    paragraph("scenarios that match, best first:"),
    list(
      ranked.map((r) => [
        code(r.id),
        ` ${r.title} (matched: ${r.matched.join(", ")}): `,
        code(`/scenario help ${r.id}`),
      ]),
    ),
  ]);
}
