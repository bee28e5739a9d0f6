// The work of `scenario new` (src/cli/commands/new.ts), loaded only when it runs.
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import {
  checkoutSource,
  findRepoRoot,
  packageRoot,
  readRepoConfig,
} from "../../../application/repository/index.ts";
import {
  catalogFromFiles,
  formatProblem,
  listMarkdown,
  OBJECT_TYPES,
  type ObjectType,
  parseScenario,
} from "../../../scenario/index.ts";
import { UserError } from "../../errors.ts";
import type { CommandContext } from "../index.ts";
import { fillTemplate, keepKnownDependencies, templateFor } from "./from-template.ts";

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface NewFlags {
  type: string;
  out?: string;
  stdout?: boolean;
  force?: boolean;
}

export async function runNew(ctx: CommandContext, id: string, flags: NewFlags): Promise<void> {
  if (!ID.test(id)) throw new UserError(`scenario id "${id}" is not kebab-case; write e.g. add-search-proxy`);
  if (!(OBJECT_TYPES as readonly string[]).includes(flags.type)) {
    throw new UserError(`unknown object type "${flags.type}"; expected one of ${OBJECT_TYPES.join(", ")}`);
  }
  const type = flags.type as ObjectType;
  const templates = join(packageRoot(), "scenarios", "templates");
  const template = await templateFor(type, templates);
  if (!template) throw new UserError(`no template for object type ${type} under ${templates}`);
  const folder = await scenariosDir(ctx);
  const { text, dropped } = keepKnownDependencies(fillTemplate(template.text, id), await idsUnder(folder));
  const problems = parseScenario(text, { file: `${id}.md` }).problems;
  if (problems.length) {
    throw new UserError(
      `the ${type} template (${template.from}) does not give a valid document:\n${problems.map(formatProblem).join("\n")}`,
    );
  }
  for (const dep of dropped) {
    ctx.io.stderr(
      `note: the ${type} template depends on ${dep}, which is not a scenario under ${relative(ctx.io.cwd, folder) || "."}; left out\n`,
    );
  }
  if (flags.stdout) {
    ctx.io.stdout(text);
    return;
  }
  const target = resolve(ctx.io.cwd, flags.out ?? join(folder, type, `${id}.md`));
  const shown = relative(ctx.io.cwd, target) || target;
  if (!flags.force && (await stat(target).catch(() => undefined))) {
    throw new UserError(`${shown} exists; pass --force to overwrite it`);
  }
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, text);
  ctx.io.stdout(`wrote ${shown} from ${template.from}; replace every [bracketed] text\n`);
}

/** The ids of the scenarios already in `folder` (none when it does not exist yet). */
async function idsUnder(folder: string): Promise<Set<string>> {
  const paths = await listMarkdown(folder, folder).catch(() => [] as string[]);
  const files = await Promise.all(
    paths.map(async (path) => ({ path, text: await readFile(join(folder, path), "utf8") })),
  );
  return new Set(catalogFromFiles(files).ids());
}

/** The repository's configured scenarios folder (`.github/scenarios.yml`, else `scenarios`). */
async function scenariosDir(ctx: CommandContext): Promise<string> {
  const root = findRepoRoot(ctx.io.cwd);
  const config = await readRepoConfig(checkoutSource(root));
  return resolve(root, config.scenariosDir);
}
