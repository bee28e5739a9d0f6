// `scenario list [--type T] [--json]`: the runnable scenarios, one per line.
import type { Command } from "commander";
import { OBJECT_TYPES } from "../../scenario/types.ts";
import { UserError } from "../errors.ts";
import type { CommandContext } from "./index.ts";
import { REPO_OPTION, SCENARIOS_OPTION } from "./options.ts";

interface ListFlags {
  type?: string;
  json?: boolean;
  repo?: string;
  scenarios?: string;
}

/** Left-aligned columns separated by two spaces. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  "))
    .join("\n");
}

export function registerList(program: Command, ctx: CommandContext): void {
  program
    .command("list")
    .description("List the runnable scenarios (templates are left out).")
    .option("--type <type>", `only this object type: ${OBJECT_TYPES.join(", ")}`)
    .option("--json", "print JSON: id, objectType, complexity, automation, title, file, dependencies")
    .option(...REPO_OPTION)
    .option(...SCENARIOS_OPTION)
    .action(async (flags: ListFlags) => {
      const { closestIds } = await import("../../scenario/closest.ts");
      const { readCatalog, warnProblems } = await import("./read-catalog.ts");
      if (flags.type !== undefined && !(OBJECT_TYPES as readonly string[]).includes(flags.type)) {
        const near = closestIds(flags.type, OBJECT_TYPES);
        const hint = near.length ? `did you mean ${near.join(", ")}? ` : "";
        throw new UserError(
          `unknown object type "${flags.type}"; ${hint}expected one of ${OBJECT_TYPES.join(", ")}`,
        );
      }
      const catalog = await readCatalog(ctx, flags);
      warnProblems(ctx, catalog);
      const shown = catalog.scenarios.filter((s) => flags.type === undefined || s.objectType === flags.type);
      if (flags.json) {
        const rows = shown.map((s) => ({
          id: s.id,
          objectType: s.objectType,
          complexity: s.complexity,
          automation: s.automation,
          title: s.title,
          file: s.file,
          dependencies: s.dependencies.map((d) => ({ id: d.id, type: d.type })),
        }));
        ctx.io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      if (shown.length === 0) {
        ctx.io.stdout(flags.type ? `no ${flags.type} scenarios\n` : "no scenarios\n");
        return;
      }
      const rows = [["ID", "TYPE", "COMPLEXITY", "AUTOMATION", "TITLE"]];
      for (const s of shown) rows.push([s.id, s.objectType, s.complexity, `${s.automation}%`, s.title]);
      ctx.io.stdout(`${table(rows)}\n`);
    });
}
