// `scenario migrate`: apply pending migrations.
import type { Command } from "commander";
import { describeDb, withDb } from "./db.ts";
import type { CommandContext } from "./index.ts";
import { DATABASE_URL_HELP, type DbFlags, REPO_OPTION } from "./options.ts";

export function registerMigrate(program: Command, ctx: CommandContext): void {
  program
    .command("migrate")
    .description("Apply pending database migrations, each in its own transaction.")
    .option(...REPO_OPTION)
    .option("--database-url <url>", DATABASE_URL_HELP)
    .action(async (flags: DbFlags) => {
      const { migrate } = await import("../../store/migrations.ts");
      await withDb(ctx, flags, async (db, options) => {
        const result = await migrate(db);
        const where = await describeDb(options);
        const lines = result.applied.map((name) => `applied ${name}`);
        lines.push(
          result.applied.length === 0
            ? `${where} is up to date (${result.alreadyApplied} migration(s) applied)`
            : `${where}: ${result.applied.length} migration(s) applied`,
        );
        ctx.io.stdout(`${lines.join("\n")}\n`);
      });
    });
}
