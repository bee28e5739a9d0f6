// Shared by the read-only commands (list, show, validate, graph): the catalog of the repository around
// the current folder, read by the same rules as the run commands (src/cli/repository.ts). Reads files
// only; never opens a database, and works outside a git repository too.
import { stat } from "node:fs/promises";
import { findRepoRoot } from "../../application/repository/index.ts";
import type { Catalog } from "../../scenario/index.ts";
import { cliParse } from "../parse-documents.ts";
import { type CliRepo, readCliRepo } from "../repository.ts";
import type { CommandContext } from "./index.ts";

export async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

export function readRepo(ctx: CommandContext, scenarios: string | undefined): Promise<CliRepo> {
  const root = findRepoRoot(ctx.io.cwd);
  const parse = cliParse(ctx.io.env);
  return readCliRepo(
    root,
    ctx.io.cwd,
    scenarios === undefined ? {} : { scenarios },
    (line) => ctx.io.stderr(`note: ${line}\n`),
    parse ? { parse } : {},
  );
}

export async function readCatalog(ctx: CommandContext, scenarios: string | undefined): Promise<Catalog> {
  return (await readRepo(ctx, scenarios)).catalog;
}

/** One line on stderr when some documents are broken: the commands still show the valid ones. */
export function warnProblems(ctx: CommandContext, catalog: Catalog): void {
  const n = catalog.problems.length;
  if (n > 0)
    ctx.io.stderr(
      `warning: ${n} problem${n === 1 ? "" : "s"} in the scenario documents; run \`scenario validate\` to see them\n`,
    );
}
