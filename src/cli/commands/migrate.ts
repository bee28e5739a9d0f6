// `scenario migrate`: apply pending migrations.
import type { Command } from "commander";
import { migrate } from "../../store/migrations.ts";
import { DATABASE_URL_HELP, type DbFlags, describeDb, withDb } from "./db.ts";
import type { CommandContext } from "./index.ts";

export function registerMigrate(program: Command, ctx: CommandContext): void {
  program
    .command("migrate")
    .description("Apply pending database migrations, each in its own transaction.")
    .option("--database-url <url>", DATABASE_URL_HELP)
    .action(async (flags: DbFlags) => {
      await withDb(ctx, flags, async (db, options) => {
        const result = await migrate(db);
        const lines = result.applied.map((name) => `applied ${name}`);
        lines.push(
          result.applied.length === 0
            ? `${describeDb(options)} is up to date (${result.alreadyApplied} migration(s) applied)`
            : `${describeDb(options)}: ${result.applied.length} migration(s) applied`,
        );
        ctx.io.stdout(`${lines.join("\n")}\n`);
      });
    });
}
