// `scenario db status`, and how the store's commands open the database: lazily, from
// --database-url, else DATABASE_URL, else the embedded PGlite in <repo>/.scenario/db.
import type { Command } from "commander";
import { findRepoRoot } from "../../application/repository/index.ts";
import type { Db, OpenDbOptions } from "../../store/db.ts";
import { embeddedDbDir, redactUrl } from "../../store/db.ts";
import { lazyDb } from "../../store/lazy-db.ts";
import { migrationStatus } from "../../store/migrations.ts";
import type { CommandContext } from "./index.ts";

export interface DbFlags {
  databaseUrl?: string;
}

export function storeOptions(ctx: CommandContext, flags: DbFlags): OpenDbOptions {
  return { repoRoot: findRepoRoot(ctx.io.cwd), databaseUrl: flags.databaseUrl ?? ctx.io.env.DATABASE_URL };
}

/** Where the database is, for the first line of output. */
export function describeDb(options: OpenDbOptions): string {
  return options.databaseUrl
    ? `database ${redactUrl(options.databaseUrl)}`
    : `embedded database ${embeddedDbDir(options.repoRoot)}`;
}

/** Open the database for `fn` and close it after, whatever happens. */
export async function withDb<T>(
  ctx: CommandContext,
  flags: DbFlags,
  fn: (db: Db, options: OpenDbOptions) => Promise<T>,
): Promise<T> {
  const options = storeOptions(ctx, flags);
  const lazy = lazyDb(options);
  try {
    return await fn(await lazy.get(), options);
  } finally {
    await lazy.close();
  }
}

export const DATABASE_URL_HELP =
  "PostgreSQL connection string (default: $DATABASE_URL, else the embedded database in .scenario/db)";

export function registerDb(program: Command, ctx: CommandContext): void {
  const db = program.command("db").description("Inspect the scenario-bot database.");
  db.command("status")
    .description("List applied and pending migrations.")
    .option("--database-url <url>", DATABASE_URL_HELP)
    .action(async (flags: DbFlags) => {
      await withDb(ctx, flags, async (conn, options) => {
        const status = await migrationStatus(conn);
        const out = [
          `${describeDb(options)}: ${status.applied.length} applied, ${status.pending.length} pending`,
        ];
        for (const m of status.applied) out.push(`  applied  ${m.name}  ${m.appliedAt.toISOString()}`);
        for (const m of status.pending) out.push(`  pending  ${m.name}`);
        for (const name of status.changed)
          out.push(`  CHANGED  ${name}: differs from the file that was applied; restore it`);
        for (const name of status.missing)
          out.push(`  missing  ${name}: applied but no longer in migrations/`);
        if (status.pending.length > 0) out.push("run `scenario migrate` to apply the pending migrations");
        ctx.io.stdout(`${out.join("\n")}\n`);
        if (status.changed.length > 0) ctx.setExitCode(1);
      });
    });
}
