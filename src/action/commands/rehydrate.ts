// A run the store does not know (its job used an embedded database that went with the runner) is
// rebuilt before the engine loads it: the branch from origin, the record from the PR's state marker
// (read only as this job's identity wrote it: trusted-marker.ts), and the waiting manual steps from
// the checklist comment, so the engine asks whether they are ticked instead of publishing them again.
// Without a PR marker the engine recovers from the commit trailers.

import { planRun } from "../../application/plan-run.ts";
import { headerMarker, parseChecklist } from "../../command/index.ts";
import { RunNotFoundError } from "../../engine/index.ts";
import type { RunRecord, RunStore } from "../../engine/ports.ts";
import type { Catalog } from "../../scenario/index.ts";
import type { PushingWorkspace } from "../adapters/pushing-workspace.ts";
import { remoteGit } from "../git/credentials.ts";
import type { ActionContext } from "./context.ts";
import { originPullRequest } from "./run.ts";
import { trustedRunMarker } from "./trusted-marker.ts";

/** The branches on origin, with the commit each points at. */
export async function originHeads(repo: string): Promise<Map<string, string>> {
  const out = await remoteGit(repo, ["ls-remote", "--heads", "origin"]);
  const heads = new Map<string, string>();
  for (const line of out.split("\n")) {
    const [sha, ref] = line.split(/\s+/);
    if (sha && ref?.startsWith("refs/heads/")) heads.set(ref.slice("refs/heads/".length), sha);
  }
  return heads;
}

/** Where a run stands before a job moves it: its record, its branch, and the branches on origin. */
export interface RunLocation {
  stored?: RunRecord;
  /** The stored branch, else one on origin named after the run, else a reused pull request's own. */
  branch?: string;
  heads: Map<string, string>;
}

export async function locateRun(ctx: ActionContext, store: RunStore, runId: string): Promise<RunLocation> {
  const stored = await store.getRun(runId);
  const heads = await originHeads(ctx.runner.workspace);
  const branch =
    stored?.branch ??
    [...heads.keys()].find((b) => b.endsWith(`/${runId}`)) ??
    (await originPullRequest(ctx))?.headRef;
  return { ...(stored ? { stored } : {}), ...(branch ? { branch } : {}), heads };
}

export async function rehydrateRun(
  ctx: ActionContext,
  store: RunStore,
  workspace: PushingWorkspace,
  catalog: Catalog,
  runId: string,
  location: RunLocation,
): Promise<{ branch?: string }> {
  if (location.stored) return { branch: location.stored.branch };
  const { branch } = location;
  if (!branch)
    throw new RunNotFoundError(runId, ` in the store or on origin (no branch ending in /${runId})`);
  const pr = await ctx.github.pulls.findByHead(branch);
  // Before anything is written: a marker someone else last wrote refuses the job here.
  const marker = pr ? await trustedRunMarker(ctx, pr, runId) : undefined;
  if (!marker) return { branch };

  const rawParams = Object.fromEntries(Object.entries(marker.params).map(([k, v]) => [k, String(v)]));
  const plan = planRun({
    catalog,
    config: await ctx.repo().then((r) => r.config),
    scenarioId: marker.scenarioId,
    params: rawParams,
    runId,
    now: new Date(marker.createdAt),
  });
  const issueNumber = marker.issueNumber ?? ctx.inputs.issueNumber;
  await store.createRun({
    id: runId,
    scenarioId: marker.scenarioId,
    params: marker.params,
    // A run's own PR is closed only when the run was undone; otherwise it waits or runs on.
    status: pr?.state === "closed" ? "rolled_back" : "waiting",
    repository: `${ctx.runner.owner}/${ctx.runner.repo}`,
    target: plan.target,
    branch,
    baseBranch: marker.baseBranch,
    ...(marker.baseSha ? { baseSha: marker.baseSha } : {}),
    ...(issueNumber ? { issueNumber } : {}),
    ...(pr ? { pullRequest: pr.number } : {}),
  });
  ctx.io.info(`run ${runId} was not in the store: rebuilt from pull request #${pr?.number}`);
  if (!issueNumber) return { branch };

  // Only the checklist this identity wrote: a copy anyone posted with the same markers is not it.
  const comment = await ctx.github.issues.findOwnComment(issueNumber, headerMarker(runId, marker.scenarioId));
  const checklist = comment ? parseChecklist(comment.body) : undefined;
  if (!checklist || !comment) return { branch };
  await store.updateRun(runId, { checklistCommentId: comment.id });
  const committed = new Set(
    (await workspace.checkpoints(branch)).filter((c) => c.runId === runId).map((c) => c.step),
  );
  const published = [...new Set(checklist.entries.map((e) => e.step))].filter((i) => !committed.has(i));
  for (const index of published) {
    const step = plan.steps[index];
    if (step?.kind !== "manual") continue;
    await store.saveStep({
      runId,
      index,
      scenarioId: step.scenarioId,
      number: step.number,
      name: step.name,
      kind: step.kind,
      status: "waiting",
    });
  }
  await store.saveTasks(
    checklist.entries
      .filter((e) => published.includes(e.step))
      .map((e) => ({ runId, stepIndex: e.step, item: e.item, text: e.text, done: e.done })),
  );
  return { branch };
}
