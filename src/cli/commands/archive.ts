// `scenario archive consolidate | add | audit`.
import { type Command, Option } from "commander";
// Only constants at start (for --help); what a subcommand runs is imported when it runs.
import { ARCHIVE_ITEM_TYPES, type ArchiveItemType } from "../../store/archive/add.ts";
import { AUDIT_FORMATS, type AuditFormat } from "../../store/archive/audit-render.ts";
import type { CommandContext } from "./index.ts";
import { DATABASE_URL_HELP, type DbFlags, REPO_OPTION } from "./options.ts";

export function registerArchive(program: Command, ctx: CommandContext): void {
  const archive = program
    .command("archive")
    .description("Consolidate, add to and audit the unified archive.");

  archive
    .command("consolidate")
    .description(
      "Move the plan's registry_* tables to the archived schema and fold the legacy archive tables in (dry run unless --apply).",
    )
    .option("--apply", "do it, in one transaction")
    .option(...REPO_OPTION)
    .option("--database-url <url>", DATABASE_URL_HELP)
    .action(async (flags: DbFlags & { apply?: boolean }) => {
      const { withDb } = await import("./db.ts");
      const { applyConsolidation, formatConsolidation, planConsolidation } = await import(
        "../../store/archive/consolidate.ts"
      );
      await withDb(ctx, flags, async (db) => {
        const result = flags.apply ? await applyConsolidation(db) : await planConsolidation(db);
        ctx.io.stdout(formatConsolidation(result));
      });
    });

  archive
    .command("add")
    .description("Record a file or folder in the unified archive and move it under archive/.")
    .argument("<path>", "file or folder inside the repository, from the current folder")
    .addOption(
      new Option("--type <type>", "what it is").choices([...ARCHIVE_ITEM_TYPES]).makeOptionMandatory(),
    )
    .requiredOption("--reason <text>", "why it is archived")
    .option(...REPO_OPTION)
    .option("--database-url <url>", DATABASE_URL_HELP)
    .action(async (target: string, flags: DbFlags & { type: ArchiveItemType; reason: string }) => {
      const { withDb } = await import("./db.ts");
      const { archiveAdd } = await import("../../store/archive/add.ts");
      await withDb(ctx, flags, async (db, options) => {
        const item = await archiveAdd(db, {
          repoRoot: options.repoRoot,
          cwd: ctx.io.cwd,
          target,
          type: flags.type,
          reason: flags.reason,
        });
        ctx.io.stdout(
          `archived ${item.originalPath} -> ${item.archivePath} (${item.sizeBytes} bytes, entry ${item.id}); commit the move with git\n`,
        );
      });
    });

  archive
    .command("audit")
    .description(
      "Report unused-looking tables, archive entries that disagree with reality, and unconsolidated legacy rows.",
    )
    .addOption(new Option("--format <format>", "output format").choices([...AUDIT_FORMATS]).default("text"))
    .option(...REPO_OPTION)
    .option("--database-url <url>", DATABASE_URL_HELP)
    .action(async (flags: DbFlags & { format: AuditFormat }) => {
      const { withDb } = await import("./db.ts");
      const { auditArchive } = await import("../../store/archive/audit.ts");
      const { renderAudit } = await import("../../store/archive/audit-render.ts");
      const { auditExitCode } = await import("../../store/archive/audit-types.ts");
      await withDb(ctx, flags, async (db, options) => {
        const report = await auditArchive(db, options.repoRoot);
        ctx.io.stdout(renderAudit(report, flags.format));
        ctx.setExitCode(auditExitCode(report));
      });
    });
}
