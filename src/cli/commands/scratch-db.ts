// `scenario scratch-db`: a repository's migration history replayed on a throwaway database, the newest
// migration (or the ones named) judged on it, RLS asserted on tables. Exit 0: it applies and the
// checks pass; 1: it (or a check) fails; 2: cannot judge, the history cannot build what it needs.
import path from "node:path";
import type { Command } from "commander";
import type { CommandContext } from "./index.ts";

const collect = (v: string, all: string[]) => [...all, v];

interface Flags {
  migrations: string;
  assertRls: string[];
  publicRead?: boolean;
  databaseUrl?: string;
  baseline?: string | false;
  check: string[];
  supabase: boolean;
  json?: boolean;
}

export function registerScratchDb(program: Command, ctx: CommandContext): void {
  program
    .command("scratch-db")
    .description(
      "Replay a folder of SQL migrations on a scratch database, judge the newest one, and check row level security.",
    )
    .requiredOption(
      "--migrations <dir>",
      "folder of .sql files, applied in name order (down migrations and unfilled drafts are left out)",
    )
    .option(
      "--assert-rls <table>",
      "table whose row level security must hide other users' rows (repeatable)",
      collect,
      [] as string[],
    )
    .option(
      "--public-read",
      "the asserted tables may be read by everyone (a read-public policy); only writes must be refused",
    )
    .option(
      "--check <file>",
      "the migration under review, applied last and whole (repeatable; default: the newest file(s))",
      collect,
      [] as string[],
    )
    .option(
      "--baseline <file>",
      "schema of objects made outside the migrations, applied first (default: <migrations>/../schema/schema.sql or ../schema.sql when not empty)",
    )
    .option("--no-baseline", "apply no baseline schema file, not even a detected one")
    .option("--no-supabase", "do not create Supabase's roles, auth and storage schemas first")
    .option("--json", "print the result as one JSON document")
    .option(
      "--database-url <url>",
      "server to create the temporary database on (default: $SCENARIO_SCRATCH_DATABASE_URL, else $DATABASE_URL, else in-memory PGlite)",
    )
    .action(async (flags: Flags) => {
      const { SCRATCH_DATABASE_URL } = await import("../../engine/run/env.ts");
      const { runScratchDb } = await import("../../store/scratch/run-scratch.ts");
      const { errorLine, reportJson, reportLines } = await import("../../store/scratch/scratch-report.ts");
      const out = (line: string) => ctx.io.stdout(`${line}\n`);
      const result = await runScratchDb({
        migrationsDir: path.resolve(ctx.io.cwd, flags.migrations),
        assertRls: flags.assertRls,
        publicRead: flags.publicRead,
        check: flags.check.map((c) => path.resolve(ctx.io.cwd, c)),
        baseline:
          typeof flags.baseline === "string" ? path.resolve(ctx.io.cwd, flags.baseline) : flags.baseline,
        supabase: flags.supabase,
        // Inside a step DATABASE_URL is never set (the engine keeps it from steps); the scratch URL is.
        databaseUrl: flags.databaseUrl ?? ctx.io.env[SCRATCH_DATABASE_URL] ?? ctx.io.env.DATABASE_URL,
        log: flags.json ? undefined : out,
        cwd: ctx.io.cwd,
      });
      if (flags.json) out(JSON.stringify(reportJson(result), null, 2));
      else for (const line of reportLines(result)) out(line);
      const error = errorLine(result);
      if (error) ctx.io.stderr(`${error}\n`);
      if (result.exitCode !== 0) ctx.setExitCode(result.exitCode);
    });
}
