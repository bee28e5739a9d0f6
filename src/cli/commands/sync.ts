// `scenario sync`: the scenario catalog into the registry tables.
import path from "node:path";
import type { Command } from "commander";
import { UserError } from "../errors.ts";
import type { CommandContext } from "./index.ts";
import { DATABASE_URL_HELP, type DbFlags, REPO_OPTION } from "./options.ts";

export function registerSync(program: Command, ctx: CommandContext): void {
  program
    .command("sync")
    .description("Write the scenario catalog into the registry tables (added, changed, removed).")
    .option(
      "--dir <dir>",
      "scenario folder, relative to the repository root (default: `scenarios:` of .github/scenarios.yml)",
    )
    .option(...REPO_OPTION)
    .option("--database-url <url>", DATABASE_URL_HELP)
    .action(async (flags: DbFlags & { dir?: string }) => {
      const { catalogOf, checkoutSource, readCatalogFiles, readRepoConfig } = await import(
        "../../application/repository/index.ts"
      );
      const { formatProblem } = await import("../../scenario/index.ts");
      const { formatSyncReport, syncRegistry } = await import("../../store/registry-sync.ts");
      const { withDb } = await import("./db.ts");
      const { readRepoRoot } = await import("../repository.ts");
      const root = readRepoRoot(ctx.io.cwd, flags.repo);
      const dir = flags.dir ?? (await readRepoConfig(checkoutSource(root))).scenariosDir;
      // Load before opening the database: a broken catalog never touches it.
      const { files, leftOut } = await readCatalogFiles(checkoutSource(root), dir);
      const catalog = await catalogOf(files, leftOut);
      if (catalog.files.length === 0) {
        throw new UserError(
          `${path.join(root, dir)} holds no scenario document; pass --dir <folder of scenario .md files>.`,
        );
      }
      if (catalog.problems.length > 0) {
        const shown = catalog.problems.slice(0, 5).map(formatProblem).join("\n");
        const more = catalog.problems.length > 5 ? `\n... and ${catalog.problems.length - 5} more` : "";
        // Syncing only the valid ones would drop the broken ones from the registry as if removed.
        throw new UserError(
          `${catalog.problems.length} problem(s) in the scenario documents; nothing was synced. Fix them (see \`scenario validate\`) and run again:\n${shown}${more}`,
        );
      }
      await withDb(ctx, flags, async (db) => {
        ctx.io.stdout(formatSyncReport(await syncRegistry(db, catalog.scenarios)));
      });
    });
}
