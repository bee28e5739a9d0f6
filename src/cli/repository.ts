// The repository as the CLI reads it, by the application layer's rules: `.github/scenarios.yml` of the
// repository (its `scenarios:` folder and branch prefix), that folder's documents, else the scenarios
// shipped with scenario-bot with a notice saying so. `--scenarios <dir>` names another folder.
import { statSync } from "node:fs";
import path from "node:path";
import {
  checkoutSource,
  findRepoRoot,
  loadRepoCatalog,
  type ParseDocuments,
  type RepoCatalog,
  readRepoConfig,
  shippedCatalog,
} from "../application/repository/index.ts";
import type { RepoConfig } from "../command/repo-config.ts";
import { UserError } from "./errors.ts";
import { repoFlagFolder } from "./repo-folder.ts";

export interface CliRepo {
  /** The repository root (the git top level), or the folder the command runs in outside a repository. */
  root: string;
  config: RepoConfig;
  catalog: RepoCatalog;
}

/** The git top level around `--repo` (or the current folder), else that folder: the read-only commands
 * (list, show, validate, graph) also work outside a repository. */
export function readRepoRoot(cwd: string, repo: string | undefined): string {
  return findRepoRoot(repoFlagFolder(cwd, repo));
}

export interface CliRepoFlags {
  scenarios?: string;
}

export interface CliRepoOptions {
  /** How documents are parsed (the CLI passes its cache of parsed documents, src/cli/parse-documents.ts). */
  parse?: ParseDocuments;
}

export async function readCliRepo(
  root: string,
  cwd: string,
  flags: CliRepoFlags,
  notice: (line: string) => void,
  options: CliRepoOptions = {},
): Promise<CliRepo> {
  const parse = options.parse ? { parse: options.parse } : {};
  const config = await readRepoConfig(checkoutSource(root));
  if (flags.scenarios === undefined) {
    const catalog = await loadRepoCatalog(checkoutSource(root), {
      dir: config.scenariosDir,
      shipped: () => shippedCatalog(undefined, options.parse),
      ...parse,
    });
    if (catalog.notice) notice(catalog.notice);
    return { root, config, catalog };
  }
  const abs = path.resolve(cwd, flags.scenarios);
  if (!isDirectory(abs))
    throw new UserError(
      `--scenarios ${flags.scenarios}: no such folder (${abs}). Pass the folder of your scenario documents (relative to the current folder), or leave --scenarios out for the repository's own.`,
    );
  // Paths are shown from the repository root when the folder is inside it, else from the folder's parent.
  const base = isInside(root, abs) ? root : path.dirname(abs);
  const dir = path.relative(base, abs).split(path.sep).join("/") || ".";
  const catalog = await loadRepoCatalog(checkoutSource(base), {
    dir,
    shipped: () =>
      Promise.reject(new UserError(`${abs} holds no scenario document; pass --scenarios <folder>.`)),
    ...parse,
  });
  return { root, config, catalog };
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}
