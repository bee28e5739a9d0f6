// `npm run trial:suggestions -- <repository> [revision] [--scenarios DIR] [--json]`: a repository's own
// history, commit by commit, through the `scenario suggestions` check of a pull request. Each commit's
// files stand for a pull request's (`git diff-tree`: status and a unified patch with 3 lines of context,
// as GET /pulls/{n}/files gives them); each suggested command is read back as the App reads a comment
// and judged as it stands: accepted, refused (and why), or shown with values left to write.
// <repository> may be a checkout or a bare repository; the catalog is the shipped one unless --scenarios.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseComment } from "../../src/command/index.ts";
import { validateParams } from "../../src/engine/plan/params.ts";
import { type ChangedFile, matchTriggers } from "../../src/github-app/checks/trigger-match.ts";
import { loadCatalog, type ScenarioDefinition } from "../../src/scenario/index.ts";
import { SHIPPED_SCENARIOS } from "./args.ts";

export interface SuggestionTally {
  suggested: number;
  accepted: number;
  refused: number;
  /** Shown with `name=<name>` for values the person writes. */
  toWrite: number;
}

export interface SuggestionsReport extends SuggestionTally {
  revision: string;
  commits: number;
  /** Commits whose objects the repository does not hold (a partial snapshot). */
  unreadable: number;
  byScenario: Record<string, SuggestionTally & { sample?: string; refusedBecause?: string }>;
}

const USAGE = "usage: npm run trial:suggestions -- <repository> [revision] [--scenarios DIR] [--json]";

function git(repo: string, args: string[]): string | undefined {
  const result = spawnSync("git", ["-C", repo, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  return result.status === 0 ? result.stdout : undefined;
}

/** The commit's files as a pull request lists them. */
export function changedFiles(diff: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  for (const part of diff.split(/^diff --git /m).slice(1)) {
    const name = part.slice(0, part.indexOf("\n")).match(/ b\/(.+)$/)?.[1];
    if (!name) continue;
    const status = /^new file/m.test(part) ? "added" : /^deleted file/m.test(part) ? "removed" : "modified";
    const hunks = part.indexOf("\n@@");
    // GitHub's patch ends without a line ending.
    const patch = part.slice(hunks + 1).replace(/\n$/, "");
    files.push({ filename: name, status, ...(hunks >= 0 ? { patch } : {}) });
  }
  return files;
}

/** How the App takes `command` if someone comments it as shown. */
function verdict(command: string, scenario: ScenarioDefinition): "accepted" | "toWrite" | string {
  const [parsed] = parseComment(command);
  if (parsed?.kind !== "run") return `the App reads "${command}" as no run command`;
  const { params } = parsed;
  if (Object.values(params).some((v) => /^<.+>$/.test(v))) return "toWrite";
  try {
    validateParams(scenario, params);
    return "accepted";
  } catch (error) {
    return (error as Error).message.replace(/\s+/g, " ").slice(0, 160);
  }
}

export async function replaySuggestions(
  repo: string,
  revision = "HEAD",
  scenarios = SHIPPED_SCENARIOS,
): Promise<SuggestionsReport> {
  const catalog = await loadCatalog(".", { root: scenarios });
  const list = git(repo, ["rev-list", "--no-merges", revision]);
  if (list === undefined) throw new Error(`${repo} has no revision ${revision}`);
  const commits = list.trim().split("\n").filter(Boolean);
  const report: SuggestionsReport = {
    revision,
    commits: commits.length,
    unreadable: 0,
    suggested: 0,
    accepted: 0,
    refused: 0,
    toWrite: 0,
    byScenario: {},
  };
  for (const commit of commits) {
    const diff = git(repo, [
      "diff-tree",
      "-p",
      "-U3",
      "--no-color",
      "--no-commit-id",
      "-r",
      "--root",
      commit,
    ]);
    if (diff === undefined) {
      report.unreadable++;
      continue;
    }
    for (const match of matchTriggers(catalog.scenarios, changedFiles(diff))) {
      const scenario = catalog.get(match.scenarioId) as ScenarioDefinition;
      report.byScenario[match.scenarioId] ??= { suggested: 0, accepted: 0, refused: 0, toWrite: 0 };
      const entry = report.byScenario[match.scenarioId] as SuggestionsReport["byScenario"][string];
      entry.sample ??= `${commit.slice(0, 8)}: ${match.command}`;
      const judged = verdict(match.command, scenario);
      const kind = judged === "accepted" || judged === "toWrite" ? judged : "refused";
      if (kind === "refused") entry.refusedBecause ??= judged;
      for (const tally of [report, entry]) {
        tally.suggested++;
        tally[kind]++;
      }
    }
  }
  return report;
}

export function reportLines(r: SuggestionsReport): string[] {
  return [
    `${r.commits} commits of ${r.revision}${r.unreadable ? ` (${r.unreadable} unreadable: objects missing)` : ""}: ` +
      `${r.suggested} suggestions, ${r.accepted} accepted as shown, ${r.toWrite} with values to write, ${r.refused} refused as shown`,
    ...Object.entries(r.byScenario)
      .sort((a, b) => b[1].suggested - a[1].suggested)
      .map(
        ([id, t]) =>
          `  ${id}: ${t.suggested} (${t.accepted} accepted, ${t.toWrite} to write, ${t.refused} refused${t.refusedBecause ? `: ${t.refusedBecause}` : ""})\n    e.g. ${t.sample}`,
      ),
  ];
}

async function main(argv: string[]): Promise<number> {
  const positional = argv.filter((a, i) => !a.startsWith("--") && argv[i - 1] !== "--scenarios");
  const at = argv.indexOf("--scenarios");
  const scenarios = at >= 0 ? argv[at + 1] : SHIPPED_SCENARIOS;
  const [repo, revision, ...extra] = positional;
  if (
    !repo ||
    !scenarios ||
    extra.length > 0 ||
    argv.some((a) => a.startsWith("--") && a !== "--json" && a !== "--scenarios")
  ) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const report = await replaySuggestions(path.resolve(repo), revision, path.resolve(scenarios));
  process.stdout.write(
    argv.includes("--json") ? `${JSON.stringify(report, null, 2)}\n` : `${reportLines(report).join("\n")}\n`,
  );
  return report.refused === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
