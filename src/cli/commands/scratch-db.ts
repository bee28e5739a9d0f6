// `scenario scratch-db`: migrations applied to a throwaway database, RLS asserted on tables.
import path from "node:path";
import type { Command } from "commander";
import { SCRATCH_DATABASE_URL } from "../../engine/run/env.ts";
import { runScratchDb } from "../../store/scratch/run-scratch.ts";
import type { CommandContext } from "./index.ts";

export function registerScratchDb(program: Command, ctx: CommandContext): void {
  program
    .command("scratch-db")
    .description("Apply a folder of SQL migrations to a scratch database and check row level security.")
    .requiredOption("--migrations <dir>", "folder of .sql files, applied in name order")
    .option(
      "--assert-rls <table>",
      "table whose row level security must hide other users' rows (repeatable)",
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option(
      "--public-read",
      "the asserted tables may be read by everyone (a read-public policy); only writes must be refused",
    )
    .option(
      "--database-url <url>",
      "server to create the temporary database on (default: $SCENARIO_SCRATCH_DATABASE_URL, else $DATABASE_URL, else in-memory PGlite)",
    )
    .action(
      async (flags: {
        migrations: string;
        assertRls: string[];
        publicRead?: boolean;
        databaseUrl?: string;
      }) => {
        const result = await runScratchDb({
          migrationsDir: path.resolve(ctx.io.cwd, flags.migrations),
          assertRls: flags.assertRls,
          publicRead: flags.publicRead,
          // Inside a step DATABASE_URL is never set (the engine keeps it from steps); the scratch URL is.
          databaseUrl: flags.databaseUrl ?? ctx.io.env[SCRATCH_DATABASE_URL] ?? ctx.io.env.DATABASE_URL,
          log: (line) => ctx.io.stdout(`${line}\n`),
        });
        const failed = result.checks.filter((c) => !c.ok);
        if (failed.length > 0) {
          ctx.io.stderr(
            `error: ${failed.length} RLS assertion(s) failed: ${failed.map((c) => c.table).join(", ")}\n`,
          );
          ctx.setExitCode(1);
        }
      },
    );
}
