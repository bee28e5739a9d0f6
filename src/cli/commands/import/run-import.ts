// The work of `scenario import` (src/cli/commands/import.ts), loaded only when it runs.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { formatProblem } from "../../../scenario/index.ts";
import { UserError } from "../../errors.ts";
import type { CommandContext } from "../index.ts";
import { importRecipe } from "./import-recipe.ts";

export async function runImport(
  ctx: CommandContext,
  files: string[],
  flags: { out: string; force?: boolean },
): Promise<void> {
  const out = resolve(ctx.io.cwd, flags.out);
  await mkdir(out, { recursive: true });
  const taken = new Set<string>();
  let failed = 0;
  for (const file of files) {
    const text = await readFile(resolve(ctx.io.cwd, file), "utf8").catch(() => {
      throw new UserError(`no such file: ${file}`);
    });
    const result = importRecipe(text, basename(file));
    if (result.kind === "declined") {
      ctx.io.stdout(`declined ${file}: ${result.reason}\n`);
      continue;
    }
    if (taken.has(result.id))
      throw new UserError(`two recipes give the id "${result.id}"; import them apart`);
    taken.add(result.id);
    const target = join(out, `${result.id}.md`);
    const exists = await readFile(target, "utf8").then(
      () => true,
      () => false,
    );
    if (exists && !flags.force)
      throw new UserError(`${relative(ctx.io.cwd, target)} exists; pass --force to overwrite it`);
    await writeFile(target, result.text);
    const shown = relative(ctx.io.cwd, target) || target;
    ctx.io.stdout(
      `drafted ${file} -> ${shown}: ${result.steps} steps (${result.automated} automated), ${result.guesses} guesses to check\n`,
    );
    for (const p of result.problems)
      ctx.io.stdout(`${formatProblem({ ...p, position: { ...p.position, file: shown } })}\n`);
    if (result.problems.length) failed++;
  }
  ctx.setExitCode(failed ? 1 : 0);
}
