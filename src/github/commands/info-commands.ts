// `/scenario list [type]`, `/scenario help [id]`, `/scenario suggest <text>`: read-only answers.
import { type HelpCommand, type ListCommand, type SuggestCommand, suggest } from "../../command/index.ts";
import { OBJECT_TYPES } from "../../scenario/types.ts";
import { cell, code, fenced } from "../replies/markdown.ts";
import { commandFor } from "../replies/plan-reply.ts";
import { findScenario, problemList } from "./find-scenario.ts";
import { type CommandHandler, NOTHING } from "./outcome.ts";

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
].join("\n");

export const listCommand: CommandHandler<ListCommand> = async (io, command) => {
  const { catalog } = io.session.env;
  const type = command.objectType;
  if (type !== undefined && !(OBJECT_TYPES as readonly string[]).includes(type)) {
    await io.post(`${code(type)} is not an object type. Types: ${OBJECT_TYPES.map(code).join(", ")}.`);
    return NOTHING;
  }
  const shown = catalog.scenarios.filter((d) => type === undefined || d.objectType === type);
  const lines = [
    `${shown.length} scenario${shown.length === 1 ? "" : "s"}${type ? ` of type ${code(type)}` : ""}:`,
    "",
  ];
  if (shown.length) {
    lines.push("| id | title | type | automation |", "| --- | --- | --- | --- |");
    for (const d of shown)
      lines.push(`| ${code(d.id)} | ${cell(d.title)} | ${d.objectType} | ${d.automation}% |`);
  }
  if (catalog.problems.length) {
    lines.push("", `Some documents have problems and are left out:`, "", problemList(catalog.problems));
  }
  await io.post(lines.join("\n"));
  return NOTHING;
};

export const helpCommand: CommandHandler<HelpCommand> = async (io, command) => {
  if (!command.scenarioId) {
    await io.post(
      `commands:\n\n${fenced(GRAMMAR)}\n\nValues with spaces are quoted: ${code('title="two words"')}.`,
    );
    return NOTHING;
  }
  const lookup = findScenario(io.session.env.catalog, command.scenarioId);
  if (!lookup.found) {
    await io.post(lookup.message);
    return NOTHING;
  }
  const d = lookup.found;
  const lines = [
    `**${cell(d.title)}** (${code(d.id)}, ${d.objectType}, ${d.complexity})`,
    "",
    d.description,
    "",
  ];
  if (d.parameters.length) {
    lines.push("| parameter | required | type | rules | example |", "| --- | --- | --- | --- | --- |");
    for (const p of d.parameters) {
      const rules = [
        p.values ? `one of ${p.values.join(", ")}` : "",
        p.pattern ? `pattern ${code(p.pattern)}` : "",
        p.min !== undefined ? `min ${p.min}` : "",
        p.max !== undefined ? `max ${p.max}` : "",
        p.default !== undefined ? `default ${code(String(p.default))}` : "",
      ].filter(Boolean);
      lines.push(
        `| ${code(p.name)} | ${p.required ? "yes" : "no"} | ${p.type} | ${cell(rules.join("; "))} | ${code(p.example)} |`,
      );
    }
    lines.push("");
  }
  if (d.dependencies.length)
    lines.push(`Dependencies: ${d.dependencies.map((x) => `${code(x.id)} (${x.type})`).join(", ")}`, "");
  lines.push("Steps:", "", ...d.steps.map((st) => `${st.number}. ${cell(st.name)} \`[${st.kind}]\``), "");
  const example = Object.fromEntries(d.parameters.filter((p) => p.required).map((p) => [p.name, p.example]));
  lines.push(`Run: ${code(commandFor(d.id, example))}`);
  await io.post(lines.join("\n"));
  return NOTHING;
};

export const suggestCommand: CommandHandler<SuggestCommand> = async (io, command) => {
  const ranked = suggest(command.query, io.session.env.catalog.scenarios);
  if (!ranked.length) {
    await io.post(`no scenario matches that description. ${code("/scenario list")} shows them all.`);
    return NOTHING;
  }
  const lines = ["scenarios that match, best first:", ""];
  for (const r of ranked) {
    lines.push(
      `- ${code(r.id)} ${cell(r.title)} (matched: ${r.matched.map((w) => cell(w)).join(", ")}): ${code(`/scenario help ${r.id}`)}`,
    );
  }
  await io.post(lines.join("\n"));
  return NOTHING;
};
