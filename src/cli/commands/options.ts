// The flags several commands share, as commander options. A leaf on purpose: every command's
// definition imports it at start (for `--help`), so it must pull in nothing but commander's types.
import type { Command } from "commander";

export const SCENARIOS_OPTION = [
  "--scenarios <dir>",
  "folder of scenario documents (default: `scenarios:` of .github/scenarios.yml, else scenarios)",
] as const;

export const REPO_OPTION = [
  "--repo <dir>",
  "the repository (default: the one around the current folder)",
] as const;

export const DATABASE_URL_HELP =
  "PostgreSQL connection string (default: $DATABASE_URL, else the embedded database in .scenario/db)";

export interface DbFlags {
  repo?: string;
  databaseUrl?: string;
}

export interface SessionFlags {
  repo?: string;
  databaseUrl?: string;
  scenarios?: string;
}

export function sessionOptions(command: Command): Command {
  return command
    .option("--repo <dir>", "the repository to work on (default: the one around the current folder)")
    .option(
      "--scenarios <dir>",
      "folder of scenario documents (default: `scenarios:` of .github/scenarios.yml, else <repo>/scenarios, else the shipped ones)",
    )
    .option("--database-url <url>", DATABASE_URL_HELP);
}
