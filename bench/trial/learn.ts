// `npm run trial:learn -- <repository> [revision] [--sample N]`: a repository's own commits learned as
// merged pull requests (`/scenario learn`'s drafting, with the folder question it asks GitHub answered
// from the parent commit), each draft then run by the CLI, as a process, on a new repository holding the
// commit's parent, with the name the commit itself introduced. Does the run write every file the commit
// added as the commit has it, byte for byte? <repository> may be a bare snapshot: blobs it does not
// hold are left out of the parent's tree.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { namedFolders } from "../../src/application/authoring/learn/draft-pull-request.ts";
import { learnFromPullRequest } from "../../src/application/authoring/learn/learn.ts";
import { LEARN_LIMITS } from "../../src/application/authoring/learn/limits.ts";
import type { LearnedFile } from "../../src/application/authoring/learn/pull-request.ts";
import { noteSyntaxErrors } from "../../src/application/authoring/learn/syntax.ts";
import { EXECUTION_LOG } from "../../src/engine/run/integrations.ts";
import { checkParameterValue, parseScenario } from "../../src/scenario/index.ts";
import { changedFiles } from "./suggestions.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NODE = path.join(ROOT, "node_modules/.bin/node");
const BIN = path.join(ROOT, "bin/scenario.js");
const USAGE = "usage: npm run trial:learn -- <repository> [revision] [--sample N]";

export type LearnVerdict = "reproduced" | "differs" | "refused" | "failed";

export interface LearnedRun {
  commit: string;
  command: string;
  verdict: LearnVerdict;
  /** Files the commit added that the run wrote as the commit has them, of those the draft copied. */
  written: number;
  /** Files the commit added that the draft leaves to a person (too large, binary, an odd path). */
  leftToAPerson: string[];
  differ: string[];
  /** The run's last line when it did not succeed or wait. */
  reason?: string;
}

function gitIn(dir: string, args: string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const result = spawnSync("git", ["-C", dir, ...args], { encoding: "utf8", maxBuffer: 1 << 30, env });
  return result.status === 0 ? result.stdout : undefined;
}

/** The commit as `/scenario learn` reads a merged pull request: its message and files, added ones' text. */
function learnedFiles(repo: string, commit: string): LearnedFile[] {
  const diff = gitIn(repo, ["diff-tree", "-p", "-U3", "--no-color", "--no-commit-id", "-r", commit]) ?? "";
  const counts = new Map(
    (gitIn(repo, ["diff-tree", "--numstat", "--no-commit-id", "-r", commit]) ?? "")
      .trim()
      .split("\n")
      .map((line) => line.split("\t"))
      .map(([a, d, file]) => [file, { additions: Number(a) || 0, deletions: Number(d) || 0 }]),
  );
  return changedFiles(diff).map((f) => {
    const content = f.status === "added" ? gitIn(repo, ["show", `${commit}:${f.filename}`]) : undefined;
    return {
      ...f,
      status: f.status as LearnedFile["status"],
      ...(counts.get(f.filename) ?? { additions: 0, deletions: 0 }),
      ...(content !== undefined ? { content } : {}),
    };
  });
}

/** A new repository at `dir` holding `commit`'s tree, less the blobs the snapshot lacks. */
function materialise(repo: string, commit: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const index = path.join(dir, "..", `${path.basename(dir)}.index`);
  const env = { ...process.env, GIT_INDEX_FILE: index };
  gitIn(repo, ["read-tree", commit], env);
  const entries = (gitIn(repo, ["ls-files", "-s"], env) ?? "").trim().split("\n").filter(Boolean);
  const check = spawnSync("git", ["-C", repo, "cat-file", "--batch-check"], {
    input: entries.map((e) => e.split(/\s+/)[1]).join("\n"),
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const missing = new Set(
    check.stdout
      .split("\n")
      .filter((l) => l.endsWith(" missing"))
      .map((l) => l.split(" ")[0]),
  );
  const absent = entries.filter((e) => missing.has(e.split(/\s+/)[1])).map((e) => e.split("\t")[1] as string);
  if (absent.length) gitIn(repo, ["rm", "-q", "--cached", "--", ...absent], env);
  gitIn(repo, [`--work-tree=${dir}`, "checkout-index", "-a"], env);
  rmSync(index, { force: true });
  spawnSync(
    "sh",
    ["-c", "git init -q -b main && git add -f -A && git -c user.name=t -c user.email=t@t commit -qm parent"],
    {
      cwd: dir,
    },
  );
}

export async function learnAndRun(repo: string, commit: string, work: string): Promise<LearnedRun> {
  const files = learnedFiles(repo, commit);
  await noteSyntaxErrors(files);
  const [title = "", ...body] = (gitIn(repo, ["log", "-1", "--format=%s%n%n%b", commit]) ?? "").split("\n");
  // What the App asks GitHub at the pull request's base: which named folders were there.
  const existedBefore = namedFolders(files).filter(
    (f) => gitIn(repo, ["cat-file", "-e", `${commit}^:${f}`]) !== undefined,
  );
  const learned = learnFromPullRequest(
    {
      number: 1,
      title,
      body: body.join("\n").trim(),
      url: "https://github.com/o/r/pull/1",
      files,
      existedBefore,
    },
    { scenariosDir: "scenarios", takenIds: new Set() },
  );
  const definition = parseScenario(learned.text, { file: learned.path }).definition;
  const result = { commit: commit.slice(0, 8), written: 0, leftToAPerson: [], differ: [] };
  if (!definition)
    return { ...result, command: "", verdict: "failed", reason: "the draft does not validate" };
  // The commit's own name, in the spelling the parameter takes.
  const kebab = (v: string) =>
    v
      .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
      .replace(/_/g, "-")
      .toLowerCase();
  const values = definition.parameters.map((p) => {
    const spellings = learned.parameters.find((l) => l.name === p.name)?.spellings ?? [];
    const own = [...spellings, ...spellings.map(kebab)].find((v) => checkParameterValue(p, v).ok);
    return `${p.name}=${own ?? p.example}`;
  });
  const command = `scenario run ${definition.id} ${values.join(" ")}`.trim();
  const scenarios = path.join(work, `scenarios-${commit.slice(0, 8)}`);
  mkdirSync(path.join(scenarios, definition.objectType), { recursive: true });
  writeFileSync(path.join(scenarios, learned.path.split("/").slice(1).join("/")), learned.text);
  const dir = path.join(work, commit.slice(0, 8));
  materialise(repo, `${commit}^`, dir);
  const { DATABASE_URL: _, ...env } = process.env;
  const run = spawnSync(NODE, [BIN, "run", definition.id, ...values, "--scenarios", scenarios], {
    cwd: dir,
    encoding: "utf8",
    timeout: 300_000,
    env: {
      ...env,
      SCENARIO_CACHE_DIR: path.join(work, "cache"),
      NO_COLOR: "1",
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    },
  });
  const branch = (gitIn(dir, ["branch", "--list", "scenario/*", "--format=%(refname:short)"]) ?? "").trim();
  const written = branch
    ? (gitIn(dir, ["diff", "--name-only", "--diff-filter=A", `main..${branch}`]) ?? "")
        .trim()
        .split("\n")
        .filter((f) => f && f !== EXECUTION_LOG)
    : [];
  const added = new Map(
    files.filter((f) => f.status === "added" && f.content !== undefined).map((f) => [f.filename, f.content]),
  );
  const same = (a?: string, b?: string) => a !== undefined && a === b;
  const differ = written.filter((f) => !same(gitIn(dir, ["show", `${branch}:${f}`]), added.get(f)));
  const leftToAPerson = [...added.keys()].filter((f) => !written.includes(f));
  const last = `${run.stdout}${run.stderr}`
    .trim()
    .split("\n")
    .filter((l) => /reason:|does not hold|refused/.test(l))
    .at(-1)
    ?.trim();
  const verdict: LearnVerdict =
    written.length === 0 && /pre-condition|refused/.test(last ?? "")
      ? "refused"
      : differ.length
        ? "differs"
        : run.status === 0
          ? "reproduced"
          : "failed";
  return {
    ...result,
    command,
    verdict,
    written: written.length - differ.length,
    leftToAPerson,
    differ,
    ...(verdict === "reproduced" ? {} : last ? { reason: last } : {}),
  };
}

/** Commits adding files, at most `sample`, spread evenly over the history of `revision`. */
export function sampleCommits(repo: string, revision: string, sample: number): string[] {
  const commits = (gitIn(repo, ["rev-list", "--no-merges", "--max-count=2000", revision]) ?? "")
    .trim()
    .split("\n");
  const adding = commits.filter((c) => {
    const changes = (gitIn(repo, ["diff-tree", "--name-status", "--no-commit-id", "-r", c]) ?? "")
      .trim()
      .split("\n");
    return (
      changes.length <= LEARN_LIMITS.files &&
      changes.some((l) => l.startsWith("A")) &&
      gitIn(repo, ["rev-parse", "--verify", "-q", `${c}^`]) !== undefined
    );
  });
  const step = Math.max(1, Math.floor(adding.length / sample));
  return adding.filter((_, i) => i % step === 0).slice(0, sample);
}

async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf("--sample");
  const sample = at >= 0 ? Number(argv[at + 1]) : 20;
  const positional = argv.filter((a, i) => !a.startsWith("--") && i !== at + 1);
  const [repo, revision = "HEAD", ...extra] = positional;
  if (!repo || extra.length || !(sample > 0) || argv.some((a) => a.startsWith("--") && a !== "--sample")) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const work = mkdtempSync(path.join(tmpdir(), "trial-learn-"));
  const tally: Record<LearnVerdict, number> = { reproduced: 0, differs: 0, refused: 0, failed: 0 };
  try {
    for (const commit of sampleCommits(path.resolve(repo), revision, sample)) {
      const r = await learnAndRun(path.resolve(repo), commit, work);
      tally[r.verdict]++;
      const left = r.leftToAPerson.length ? `; left to a person: ${r.leftToAPerson.join(", ")}` : "";
      const differ = r.differ.length ? `; differs: ${r.differ.join(", ")}` : "";
      process.stdout.write(
        `${r.commit} ${r.verdict}: ${r.command} (${r.written} file(s) as the commit has them${left}${differ})${r.reason ? `\n  ${r.reason}` : ""}\n`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(
    `${Object.entries(tally)
      .map(([k, n]) => `${n} ${k}`)
      .join(", ")}\n`,
  );
  return tally.differs === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
