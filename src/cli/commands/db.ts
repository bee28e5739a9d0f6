// `scenario db status`, and how the store's commands open the database: lazily, from
// --database-url, else DATABASE_URL, else the embedded PGlite in <repo>/.scenario/db.
// The store is imported when a command opens it, not when the CLI starts (see commands/index.ts).
import type { Command } from "commander";
import type { Db, OpenDbOptions } from "../../store/db.ts";
import type { CommandContext } from "./index.ts";
import { DATABASE_URL_HELP, type DbFlags, REPO_OPTION } from "./options.ts";

export type { DbFlags } from "./options.ts";

export async function storeOptions(ctx: CommandContext, flags: DbFlags): Promise<OpenDbOptions> {
  const { readRepoRoot } = await import("../repository.ts");
  return {
    repoRoot: readRepoRoot(ctx.io.cwd, flags.repo),
    databaseUrl: flags.databaseUrl ?? ctx.io.env.DATABASE_URL,
  };
}

/** Where the database is, for the first line of output. */
export async function describeDb(options: OpenDbOptions): Promise<string> {
  const { embeddedDbDir, redactUrl } = await import("../../store/db.ts");
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
  const options = await storeOptions(ctx, flags);
  const { lazyDb } = await import("../../store/lazy-db.ts");
  const lazy = lazyDb(options);
  try {
    return await fn(await lazy.get(), options);
  } finally {
    await lazy.close();
  }
}

export function registerDb(program: Command, ctx: CommandContext): void {
  const db = program.command("db").description("Inspect the scenario-bot database.");
  db.command("status")
    .description("List applied and pending migrations.")
    .option(...REPO_OPTION)
    .option("--database-url <url>", DATABASE_URL_HELP)
    .action(async (flags: DbFlags) => {
      const { migrationStatus } = await import("../../store/migrations.ts");
      await withDb(ctx, flags, async (conn, options) => {
        const status = await migrationStatus(conn);
        const out = [
          `${await describeDb(options)}: ${status.applied.length} applied, ${status.pending.length} pending`,
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
