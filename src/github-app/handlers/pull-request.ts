// `pull_request` opened / synchronize / reopened: two check runs on the head commit.
// `scenario docs` validates the scenario documents the PR changes (annotations at file:line, failure
// on any problem, notices for notes) and, on a same-repository PR, dispatches their self-tests
// (checks/self-test-dispatch.ts); `scenario suggestions` (neutral) lists scenarios whose triggers match the change,
// each with the exact command to comment.
import type { Context } from "probot";
import {
  type ChangedDocuments,
  changedDocuments,
  findingsFor,
} from "../../application/repository/changed-documents.ts";
import { withinLimits } from "../../github/check-runs.ts";
import type { GitHubRepository } from "../../github/repository.ts";
import { codeText as code } from "../../markdown/index.ts";
import { annotationOf, batches } from "../checks/annotations.ts";
import { listMissingFolders } from "../checks/missing-folders.ts";
import { dispatchSelfTests } from "../checks/self-test-dispatch.ts";
import { type ChangedFile, matchTriggers, type TriggerMatch } from "../checks/trigger-match.ts";
import type { AppDeps } from "../deps.ts";
import type { RepoEnvironment, RepoEnvironments } from "../repo-environment.ts";
import { repositoryOf } from "../repository-of.ts";
import { firstDelivery } from "./once.ts";

export const DOCS_CHECK = "scenario docs";
export const SUGGESTIONS_CHECK = "scenario suggestions";

export async function onPullRequest(
  context: Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">,
  deps: AppDeps,
  envs: RepoEnvironments,
): Promise<void> {
  const { pull_request: pr, repository } = context.payload;
  if (!(await firstDelivery(context, deps))) return;
  const api = repositoryOf(context, repository.owner.login, repository.name);
  const headSha = pr.head.sha;
  const [env, files] = await Promise.all([
    envs.load(api, repository.default_branch),
    context.octokit.paginate(context.octokit.rest.pulls.listFiles, {
      ...api.ref,
      pull_number: pr.number,
      per_page: 100,
    }),
  ]);
  const changed: ChangedFile[] = files.map((f) => ({
    filename: f.filename,
    status: f.status,
    ...(f.patch ? { patch: f.patch } : {}),
  }));
  const dir = env.config.scenariosDir;
  await Promise.all([
    docsCheck(api, deps, headSha, dir, changedDocuments(changed, dir), (scenarioIds) =>
      dispatchSelfTests(api, pr, env.config.workflow, scenarioIds, context.log),
    ),
    suggestions(api, env, changed).then((matches) => suggestionsCheck(api, headSha, matches)),
  ]);
}

async function docsCheck(
  api: GitHubRepository,
  deps: AppDeps,
  headSha: string,
  dir: string,
  changed: ChangedDocuments,
  selfTests: (scenarioIds: string[]) => Promise<string | undefined>,
): Promise<void> {
  const checks = api.octokit.rest.checks;
  if (changed.files.length === 0) {
    await checks.create({
      ...api.ref,
      name: DOCS_CHECK,
      head_sha: headSha,
      conclusion: "success",
      output: {
        title: "No scenario documents changed",
        summary: `Nothing under ${code(`${dir}/`)} changed.`,
      },
    });
    return;
  }
  // The whole catalog at the head commit: dependencies and duplicate ids are checked across documents.
  // It is bounded (documents, bytes, parse time): the changed documents are read first, and what was
  // left out is a problem of that document and listed here.
  const catalog = await deps.catalogs.get(api.octokit, api.ref, headSha, dir, changed.documents);
  const { problems, notes } = findingsFor(changed, catalog);
  const files = changed.files;
  const broken = new Set(problems.map((p) => p.position.file));
  const selfTestLine = await selfTests(
    catalog.scenarios
      .filter((s) => changed.documents.includes(s.file) && !broken.has(s.file))
      .map((s) => s.id),
  );
  const summary = [
    problems.length
      ? `${problems.length} problem${problems.length === 1 ? "" : "s"} in ${new Set(problems.map((p) => p.position.file)).size} of the ${files.length} changed document(s). Each is annotated at its line.`
      : `${files.length} changed document(s) checked: ${files.slice(0, 20).map(code).join(", ")}${files.length > 20 ? ", ..." : ""}.`,
    ...(notes.length
      ? [
          `${notes.length} note(s), annotated as notices (they do not fail the check): ${[...new Set(notes.map((n) => n.position.file))].slice(0, 20).map(code).join(", ")}.`,
        ]
      : []),
    ...(selfTestLine ? [selfTestLine] : []),
    ...leftOutLines(catalog.leftOut, new Set(files)),
  ].join("\n\n");
  const title = problems.length
    ? `${problems.length} problem(s) in scenario documents`
    : "Scenario documents are valid";
  const conclusion = problems.length ? "failure" : "success";
  const parts = batches([
    ...problems.map((p) => annotationOf(p)),
    ...notes.map((n) => annotationOf(n, "notice")),
  ]);
  if (parts.length <= 1) {
    await checks.create({
      ...api.ref,
      name: DOCS_CHECK,
      head_sha: headSha,
      conclusion,
      output: withinLimits({ title, summary, annotations: parts[0] ?? [] }),
    });
    return;
  }
  const { data } = await checks.create({
    ...api.ref,
    name: DOCS_CHECK,
    head_sha: headSha,
    status: "in_progress",
    output: withinLimits({ title, summary, annotations: parts[0] ?? [] }),
  });
  for (const [i, part] of parts.slice(1).entries()) {
    const last = i === parts.length - 2;
    await checks.update({
      ...api.ref,
      check_run_id: data.id,
      ...(last ? { conclusion } : {}),
      output: withinLimits({ title, summary, annotations: part }),
    });
  }
}

/** The scenarios the change calls for; a value left to write lists the folders it may name. */
async function suggestions(
  api: GitHubRepository,
  env: RepoEnvironment,
  changed: ChangedFile[],
): Promise<TriggerMatch[]> {
  const matches = matchTriggers(env.catalog.scenarios, changed);
  if (matches.some((m) => m.missing.length > 0)) {
    await listMissingFolders(matches, env.catalog.scenarios, env.config.layout, (path) =>
      api.folders(path, env.sha),
    );
  }
  return matches;
}

async function suggestionsCheck(
  api: GitHubRepository,
  headSha: string,
  matches: TriggerMatch[],
): Promise<void> {
  const summary = matches.length
    ? [
        "These scenarios declare triggers that match this pull request. To run one, comment its command, with your value in place of each `<name>`:",
        "",
        ...matches.map(
          (m) =>
            `- **${m.title}** (${code(m.scenarioId)}), for ${m.files.slice(0, 5).map(code).join(", ")}${m.files.length > 5 ? ", ..." : ""}\n  ${code(m.command)}${toWrite(m.missing)}`,
        ),
      ].join("\n")
    : "No scenario's triggers match the files this pull request changes.";
  await api.octokit.rest.checks.create({
    ...api.ref,
    name: SUGGESTIONS_CHECK,
    head_sha: headSha,
    conclusion: "neutral",
    output: withinLimits({
      title: matches.length ? `${matches.length} scenario(s) may apply` : "No scenario applies",
      summary,
    }),
  });
}

/** Folder names shown beside a value to write; the rest are counted. */
const FOLDERS_SHOWN = 12;

function folderText({ path, names }: { path: string; names: string[] }): string {
  const more = names.length > FOLDERS_SHOWN ? ` and ${names.length - FOLDERS_SHOWN} more` : "";
  return `; in ${code(path)} now: ${names.slice(0, FOLDERS_SHOWN).map(code).join(", ")}${more}`;
}

/**
 * The values a suggested command leaves to the person, each with what it is, an example and, where it
 * names a folder, the folders there now.
 */
function toWrite(missing: TriggerMatch["missing"]): string {
  if (missing.length === 0) return "";
  const each = missing.map(
    (p) =>
      `${code(p.name)}: ${p.description.replace(/\.$/, "")}, e.g. ${code(p.example)}${p.folder ? folderText(p.folder) : ""}`,
  );
  return `\n  with ${missing.length === 1 ? "this value" : "these values"} written in: ${each.join("; ")}`;
}

/** What the catalog did not read or parse, for the check's summary: the changed documents first, 20 at most. */
function leftOutLines(
  all: readonly { path: string; reason: string }[],
  changed: ReadonlySet<string>,
): string[] {
  if (all.length === 0) return [];
  const leftOut = [...all.filter((l) => changed.has(l.path)), ...all.filter((l) => !changed.has(l.path))];
  return [
    `${leftOut.length} document(s) left out of this check:`,
    [
      ...leftOut.slice(0, 20).map((l) => `- ${code(l.path)}: ${l.reason}`),
      ...(leftOut.length > 20 ? [`- and ${leftOut.length - 20} more`] : []),
    ].join("\n"),
  ];
}
