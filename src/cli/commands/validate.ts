// `scenario validate [paths...] [--format text|json|github]`: every problem of every document,
// exit 1 if there is any. With paths, only those files are reported, checked against the catalog.
import { readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { Command } from "commander";
import type { DocumentProblem } from "../../scenario/types.ts";
import { UserError } from "../errors.ts";
import type { CommandContext } from "./index.ts";
import { REPO_OPTION, SCENARIOS_OPTION } from "./options.ts";

// The parser and the repository's rules are imported when the command runs, not when the CLI starts.
const repository = () => import("../../application/repository/index.ts");
const scenario = async () => ({
  ...(await import("../../scenario/catalog-assemble.ts")),
  ...(await import("../../scenario/problems.ts")),
});

/** Where validate looks: `--scenarios` (from the current folder), else the configured folder of the
 * repository (`--repo`); `dir` is relative to the current folder, `configured` to the repository. */
interface CatalogFolder {
  root: string;
  dir: string;
  configured?: string;
}

async function catalogFolder(ctx: CommandContext, flags: ValidateFlags): Promise<CatalogFolder> {
  const { readRepoRoot } = await import("../repository.ts");
  const root = readRepoRoot(ctx.io.cwd, flags.repo);
  if (flags.scenarios !== undefined) return { root, dir: flags.scenarios };
  const { checkoutSource, readRepoConfig } = await repository();
  const config = await readRepoConfig(checkoutSource(root));
  const dir = relative(ctx.io.cwd, resolve(root, config.scenariosDir)) || ".";
  return { root, dir, configured: config.scenariosDir };
}

/** The shipped documents, with paths from the current folder as validate prints them. */
async function shippedDocuments(cwd: string): Promise<string[]> {
  const { packageRoot, shippedFiles } = await repository();
  const root = packageRoot();
  return (await shippedFiles(root)).map((f) => relative(cwd, resolve(root, f.path)).split(sep).join("/"));
}

const FORMATS = ["text", "json", "github"] as const;
type Format = (typeof FORMATS)[number];

interface ValidateFlags {
  format: string;
  repo?: string;
  scenarios?: string;
}

const escapeData = (s: string) => s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
const escapeProperty = (s: string) => escapeData(s).replaceAll(":", "%3A").replaceAll(",", "%2C");

/** A GitHub Actions workflow command: an annotation on the file and line (an error, or a notice for a note). */
export function githubAnnotation(p: DocumentProblem, level: "error" | "notice" = "error"): string {
  const { file, line, column } = p.position;
  const text = p.hint ? `${p.message}\nhint: ${p.hint}` : p.message;
  return `::${level} file=${escapeProperty(file)},line=${line},col=${column},title=${escapeProperty("scenario validate")}::${escapeData(text)}`;
}

async function filesOf(paths: string[], cwd: string): Promise<string[]> {
  const { isScenarioDocument } = await repository();
  const { listMarkdown } = await scenario();
  const out: string[] = [];
  for (const path of paths) {
    const abs = resolve(cwd, path);
    const info = await stat(abs).catch(() => undefined);
    if (!info) throw new UserError(`no such file or folder: ${path}`);
    if (info.isDirectory()) out.push(...(await listMarkdown(path, cwd)).filter(isScenarioDocument));
    else out.push(relative(cwd, abs).split(sep).join("/"));
  }
  return out;
}

export function registerValidate(program: Command, ctx: CommandContext): void {
  program
    .command("validate")
    .description(
      "Check scenario documents; prints every problem as path:line:column and exits 1 if there is any.",
    )
    .argument("[paths...]", "documents or folders to report on (default: the whole --scenarios folder)")
    .option("--format <format>", `output: ${FORMATS.join(", ")} (github prints workflow annotations)`, "text")
    .option(...REPO_OPTION)
    .option(...SCENARIOS_OPTION)
    .action(async (paths: string[], flags: ValidateFlags) => {
      if (!(FORMATS as readonly string[]).includes(flags.format)) {
        throw new UserError(`unknown format "${flags.format}"; expected one of ${FORMATS.join(", ")}`);
      }
      const format = flags.format as Format;
      const { catalogOf, catalogSourceOf, checkoutSource, isScenarioDocument, shippedNotice } =
        await repository();
      const { formatProblem, listMarkdown } = await scenario();
      const { cliParse } = await import("../parse-documents.ts");
      const { isDirectory } = await import("./read-catalog.ts");
      const cwd = ctx.io.cwd;
      const folder = await catalogFolder(ctx, flags);
      const hasFolder = await isDirectory(resolve(cwd, folder.dir));
      if (!hasFolder && folder.configured === undefined && paths.length === 0) {
        throw new UserError(
          `--scenarios ${folder.dir}: no such folder (${resolve(cwd, folder.dir)}). Pass the folder of your scenario documents, leave --scenarios out for the repository's own, or name the files to check.`,
        );
      }
      const reported = await filesOf(paths, cwd);
      // The whole catalog is read even when only some files are reported: ids and dependencies span files.
      let shippedFor: string | undefined;
      let catalogFiles = hasFolder ? (await listMarkdown(folder.dir, cwd)).filter(isScenarioDocument) : [];
      // Without documents of its own the repository uses the shipped catalog (list, show and run do too),
      // so that is what is validated; files named on the command line are checked on their own.
      if (
        folder.configured !== undefined &&
        catalogSourceOf(catalogFiles) === "shipped" &&
        paths.length === 0
      ) {
        catalogFiles = await shippedDocuments(cwd);
        shippedFor = folder.configured;
      }
      const all = [...new Set([...catalogFiles, ...reported])];
      // Read one after the other: for documents this small, a synchronous read costs less than the
      // promise, the thread-pool hop and the path.resolve each asynchronous read took.
      const files = all.map((path) => ({
        path,
        text: readFileSync(isAbsolute(path) ? path : `${cwd}${sep}${path}`, "utf8"),
      }));
      const catalog = await catalogOf(files, [], cliParse(ctx.io.env));
      if (shippedFor !== undefined) {
        const label = checkoutSource(folder.root).label;
        ctx.io.stderr(`note: ${shippedNotice(label, shippedFor, catalog.scenarios.length)}\n`);
      }
      const only = new Set(paths.length ? reported : all);
      const problems = catalog.problems.filter((p) => only.has(p.position.file));
      const notes = catalog.notes.filter((p) => only.has(p.position.file));
      ctx.setExitCode(problems.length > 0 ? 1 : 0);

      if (format === "json") {
        const body = {
          ok: problems.length === 0,
          files: only.size,
          scenarios: catalog.scenarios.filter((s) => only.has(s.file)).length,
          templates: catalog.templates.filter((s) => only.has(s.file)).length,
          problems: problems.map((p) => ({ ...p.position, message: p.message, hint: p.hint })),
          notes: notes.map((p) => ({ ...p.position, message: p.message, hint: p.hint })),
        };
        ctx.io.stdout(`${JSON.stringify(body, null, 2)}\n`);
        return;
      }
      if (format === "github") {
        for (const p of problems) ctx.io.stdout(`${githubAnnotation(p)}\n`);
        for (const p of notes) ctx.io.stdout(`${githubAnnotation(p, "notice")}\n`);
      } else {
        for (const p of problems) ctx.io.stdout(`${formatProblem(p)}\n`);
        for (const p of notes) ctx.io.stdout(`${formatProblem({ ...p, message: `note: ${p.message}` })}\n`);
      }
      const broken = new Set(problems.map((p) => p.position.file)).size;
      const others = catalog.others.filter((f) => only.has(f)).length;
      const otherText = others ? `, ${others} not a scenario` : "";
      const summary =
        problems.length === 0
          ? `ok: ${only.size} document${only.size === 1 ? "" : "s"} valid (${catalog.scenarios.filter((s) => only.has(s.file)).length} scenarios, ${catalog.templates.filter((s) => only.has(s.file)).length} templates${otherText})`
          : `${problems.length} problem${problems.length === 1 ? "" : "s"} in ${broken} of ${only.size} document${only.size === 1 ? "" : "s"}${otherText}`;
      (problems.length ? ctx.io.stderr : ctx.io.stdout)(`${summary}\n`);
    });
}
