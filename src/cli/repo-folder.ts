// The folder `--repo` names: its own small module, so `scenario run` can find its repository and
// start opening the store before the catalog reader and the rest of repository.ts load.
import { existsSync } from "node:fs";
import path from "node:path";
import { UserError } from "./errors.ts";

/** The folder `--repo` names, from the current folder (the current folder itself without the flag). */
export function repoFlagFolder(cwd: string, repo: string | undefined): string {
  const dir = path.resolve(cwd, repo ?? ".");
  if (!existsSync(dir))
    throw new UserError(`--repo ${repo}: no such folder. Pass the folder of a git repository.`);
  return dir;
}
