// Shared by the read-only commands (list, show, validate, graph): the catalog of the repository around
// the current folder or `--repo`, read by the same rules as the run commands (src/cli/repository.ts).
// Reads files only; never opens a database, and works outside a git repository too.
import { stat } from "node:fs/promises";
import type { Catalog } from "../../scenario/index.ts";
import { cliParse } from "../parse-documents.ts";
import { type CliRepo, readCliRepo, readRepoRoot } from "../repository.ts";
import type { CommandContext } from "./index.ts";

export async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** `--repo` and `--scenarios` as the run commands read them: `--scenarios` from the current folder. */
export interface ReadFlags {
  repo?: string;
  scenarios?: string;
}

export function readRepo(ctx: CommandContext, flags: ReadFlags): Promise<CliRepo> {
  const root = readRepoRoot(ctx.io.cwd, flags.repo);
  const parse = cliParse(ctx.io.env);
  return readCliRepo(
    root,
    ctx.io.cwd,
    flags.scenarios === undefined ? {} : { scenarios: flags.scenarios },
    (line) => ctx.io.stderr(`note: ${line}\n`),
    parse ? { parse } : {},
  );
}

export async function readCatalog(ctx: CommandContext, flags: ReadFlags): Promise<Catalog> {
  return (await readRepo(ctx, flags)).catalog;
}

/** One line on stderr when some documents are broken: the commands still show the valid ones. */
export function warnProblems(ctx: CommandContext, catalog: Catalog): void {
  const n = catalog.problems.length;
  if (n > 0)
    ctx.io.stderr(
      `warning: ${n} problem${n === 1 ? "" : "s"} in the scenario documents; run \`scenario validate\` to see them\n`,
    );
}
