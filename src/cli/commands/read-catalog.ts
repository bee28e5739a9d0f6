// Shared by the read-only commands (list, show, validate, graph): load the catalog from the
// `--scenarios` folder. Reads files only; never opens a database.
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { type Catalog, loadCatalog } from "../../scenario/index.ts";
import { UserError } from "../errors.ts";
import type { CommandContext } from "./index.ts";

export const SCENARIOS_OPTION = [
  "--scenarios <dir>",
  "folder of scenario documents, relative to the current directory",
  "scenarios",
] as const;

export async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

export async function readCatalog(ctx: CommandContext, dir: string): Promise<Catalog> {
  const abs = resolve(ctx.io.cwd, dir);
  if (!(await isDirectory(abs))) {
    throw new UserError(
      `no scenarios folder at ${abs}; run from the repository root or pass --scenarios <dir>`,
    );
  }
  return loadCatalog(dir, { root: ctx.io.cwd });
}

/** One line on stderr when some documents are broken: the commands still show the valid ones. */
export function warnProblems(ctx: CommandContext, catalog: Catalog): void {
  const n = catalog.problems.length;
  if (n > 0)
    ctx.io.stderr(
      `warning: ${n} problem${n === 1 ? "" : "s"} in the scenario documents; run \`scenario validate\` to see them\n`,
    );
}
