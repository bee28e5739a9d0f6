// What a run left on its branch, against the commit it started from: the files (git diff --stat),
// and two checks a maintainer of the target would make: no `@acme` (the example's scope) in added
// lines, and no new top-level folder.
import { git } from "./git.ts";

export interface RunDiff {
  stat: string[];
  files: number;
  insertions: number;
  deletions: number;
  /** Added lines that mention `@acme`, as `file: line`; empty where `@acme` is the repository's own scope. */
  acme: string[];
  /** Top-level folders the run created. */
  newTopLevel: string[];
}

export function diffRun(repo: string, baseSha: string, branch: string | undefined): RunDiff | undefined {
  if (branch === undefined) return undefined;
  try {
    git(repo, "rev-parse", "--verify", "--quiet", `refs/heads/${branch}`);
  } catch {
    return undefined;
  }
  const range = [baseSha, branch];
  const stat = git(repo, "diff", "--stat=120", ...range)
    .split("\n")
    .filter(Boolean);
  const [files, insertions, deletions] = totals(git(repo, "diff", "--shortstat", ...range));
  const before = new Set(git(repo, "ls-tree", "--name-only", baseSha).split("\n"));
  const added = git(repo, "diff", "--name-only", "--diff-filter=A", ...range)
    .split("\n")
    .filter(Boolean);
  const newTopLevel = [
    ...new Set(added.filter((f) => f.includes("/")).map((f) => f.split("/")[0] as string)),
  ].filter((top) => !before.has(top));
  return {
    stat,
    files,
    insertions,
    deletions,
    acme: ownsAcme(repo, baseSha) ? [] : acmeLines(git(repo, "diff", "-U0", ...range)),
    newTopLevel,
  };
}

function totals(shortstat: string): [number, number, number] {
  const n = (re: RegExp) => Number(re.exec(shortstat)?.[1] ?? 0);
  return [n(/(\d+) files? changed/), n(/(\d+) insertions?/), n(/(\d+) deletions?/)];
}

/** examples/monorepo is `@acme`: there the scope is the repository's own, not a leftover. */
function ownsAcme(repo: string, baseSha: string): boolean {
  try {
    git(repo, "grep", "-q", "-F", '"name": "@acme/', baseSha, "--", "*package.json");
    return true;
  } catch {
    return false;
  }
}

function acmeLines(patch: string): string[] {
  const found: string[] = [];
  let file = "";
  for (const line of patch.split("\n")) {
    if (line.startsWith("+++ ")) file = line.replace(/^\+\+\+ (b\/)?/, "");
    else if (line.startsWith("+") && line.includes("@acme")) found.push(`${file}: ${line.slice(1).trim()}`);
  }
  return found;
}
