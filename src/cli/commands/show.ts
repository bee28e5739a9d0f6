// `scenario show <id>`: one scenario as a person needs it before running it.
import type { Command } from "commander";
import type { Block, ParameterDefinition, ScenarioDefinition } from "../../scenario/index.ts";
import type { CommandContext } from "./index.ts";
import { table } from "./list.ts";
import { REPO_OPTION, SCENARIOS_OPTION } from "./options.ts";

function rules(p: ParameterDefinition): string {
  const parts: string[] = [p.required ? "required" : "optional"];
  if (p.default !== undefined) parts.push(`default ${String(p.default)}`);
  if (p.values) parts.push(`one of ${p.values.join(" | ")}`);
  if (p.pattern !== undefined) parts.push(`pattern ${p.pattern}`);
  const unit = p.type === "string" ? " chars" : "";
  if (p.min !== undefined) parts.push(`min ${p.min}${unit}`);
  if (p.max !== undefined) parts.push(`max ${p.max}${unit}`);
  return parts.join(", ");
}

function blockSummary(b: Block): string {
  if (b.kind === "file") return `${b.append ? "appends to" : "writes"} ${b.path}`;
  if (b.kind === "shell") return `runs ${b.lang}${b.cwd ? ` in ${b.cwd}` : ""}`;
  return `${b.lang || "text"} example`;
}

export function formatScenario(s: ScenarioDefinition): string {
  const out: string[] = [];
  const facts = [`type ${s.objectType}`, `complexity ${s.complexity}`, `automation ${s.automation}%`];
  if (s.estimatedMinutes !== undefined) facts.push(`about ${s.estimatedMinutes} min`);
  if (s.target) facts.push(`target ${s.target}`);
  out.push(`${s.id}: ${s.title}${s.template ? " (template, not runnable)" : ""}`, s.file, facts.join(" · "));
  if (s.description) out.push("", s.description);

  out.push("", "Dependencies:");
  if (s.dependencies.length === 0) out.push("  none");
  for (const d of s.dependencies) out.push(`  ${d.id} (${d.type})`);

  out.push("", "Parameters:");
  if (s.parameters.length === 0) out.push("  none");
  else {
    const rows = s.parameters.map((p) => [`  ${p.name}`, p.type, rules(p), `e.g. ${p.name}=${p.example}`]);
    out.push(table(rows));
    for (const p of s.parameters) if (p.description) out.push(`  ${p.name}: ${p.description}`);
  }

  const conditions = (title: string, items: ScenarioDefinition["preConditions"]) => {
    if (items.length === 0) return;
    out.push("", `${title}:`);
    items.forEach((c, i) => {
      const by = c.check?.establishedBy ? `, after ${c.check.establishedBy} when it runs` : "";
      out.push(`  ${i + 1}. ${c.text}${c.check ? ` [checked${by}]` : " [informational]"}`);
    });
  };
  conditions("Pre-conditions", s.preConditions);

  out.push("", "Steps:");
  for (const step of s.steps) {
    const timeout = step.timeoutMs ? `, timeout ${step.timeoutMs / 1000}s` : "";
    out.push(`  ${step.number}. [${step.kind}${timeout}] ${step.name}`);
    for (const b of step.blocks) out.push(`       ${blockSummary(b)}`);
    for (const item of step.checklist) out.push(`       - [ ] ${item.text}`);
  }
  conditions("Post-validation", s.postValidation);

  out.push("", "Rollback:");
  for (const r of s.rollback) out.push(`  ${r.number}. ${r.name}${r.blocks.length ? "" : " (by hand)"}`);
  if (s.healthCheck) out.push("", "Health check: runs after a successful run");
  for (const section of s.documentation ?? []) {
    out.push("", `${section.title} (documentation, not run):`);
    for (const line of section.text.split("\n")) out.push(line ? `  ${line}` : "");
  }
  if (s.triggers.length) {
    out.push("", "Suggested when a pull request changes:");
    for (const t of s.triggers) out.push(`  ${t.files}${t.content ? ` containing /${t.content}/` : ""}`);
  }
  return `${out.join("\n")}\n`;
}

export function registerShow(program: Command, ctx: CommandContext): void {
  program
    .command("show")
    .description("Show one scenario: parameters with rules and defaults, steps with kinds, dependencies.")
    .argument("<id>", "scenario id (see `scenario list`)")
    .option("--json", "print the parsed document as JSON")
    .option(...REPO_OPTION)
    .option(...SCENARIOS_OPTION)
    .action(async (id: string, flags: { json?: boolean; repo?: string; scenarios?: string }) => {
      const { readCatalog, warnProblems } = await import("./read-catalog.ts");
      const catalog = await readCatalog(ctx, flags);
      warnProblems(ctx, catalog);
      const scenario = catalog.get(id) ?? catalog.templates.find((t) => t.id === id) ?? catalog.require(id);
      ctx.io.stdout(flags.json ? `${JSON.stringify(scenario, null, 2)}\n` : formatScenario(scenario));
    });
}
