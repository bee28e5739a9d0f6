// `scenario prune`: every run leaves a branch (and, when killed, a worktree); this finds the ones of
// finished runs and removes them, and the spare worktree the last finished run left. A rolled-back or
// cancelled run's branch sits at its base and holds nothing; a succeeded run's branch goes once it is
// merged into its base branch (or when asked).
// Runs still going (queued, running, waiting) and failed ones (their rollback did not finish) keep
// theirs; a branch the store does not know is never touched.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { isRunId } from "../engine/plan/run-id.ts";
import type { RunRecord, RunStore } from "../engine/ports.ts";
import { runDriving } from "../engine/run/claim.ts";
import { git, gitOk } from "./git.ts";
import { plainHint } from "./plain-hint.ts";
import { runStanding } from "./run-standing.ts";
import { discardWorktree, isSpareWorktree, spareDirOf } from "./spare-worktree.ts";

export interface PruneItem {
  runId: string;
  /** The local branch, when there is one. */
  branch?: string;
  /** The run's worktree under .scenario/worktrees, when there is one. */
  worktree?: string;
  status?: RunRecord["status"];
  why: string;
}

export interface PrunePlan {
  remove: PruneItem[];
  keep: PruneItem[];
  /** The spare worktree a finished run left for the next (spare-worktree.ts), when there is one: it goes too. */
  spare?: string;
}

export interface PruneOptions {
  /** The repository's top level. */
  repo: string;
  store: RunStore;
  /** Also remove succeeded runs whose branch is not merged into its base. */
  succeeded?: boolean;
}

export async function planPrune(options: PruneOptions): Promise<PrunePlan> {
  const { repo, store } = options;
  const worktreesDir = path.join(repo, ".scenario", "worktrees");
  const branches = (await git(["for-each-ref", "--format=%(refname:short)", "refs/heads/"], { cwd: repo }))
    .split("\n")
    .map((b) => b.trim())
    .filter((b) => isRunId(b.split("/").pop() ?? ""));
  const worktrees = existsSync(worktreesDir) ? readdirSync(worktreesDir).filter(isRunId) : [];
  const current = (await git(["rev-parse", "--abbrev-ref", "HEAD"], { cwd: repo }).catch(() => "")).trim();
  const runIds = new Set([...branches.map((b) => b.split("/").pop() as string), ...worktrees]);
  // Only a spare a run left (spare-worktree.ts): anything else there is not ours to remove.
  const gitDir = path.resolve(repo, (await git(["rev-parse", "--git-common-dir"], { cwd: repo })).trim());
  const spare = spareDirOf(gitDir);
  const ours = isSpareWorktree(spare, gitDir, worktreesDir);
  const plan: PrunePlan = { remove: [], keep: [], ...(ours ? { spare } : {}) };
  for (const runId of [...runIds].sort()) {
    const run = await store.getRun(runId);
    const branch =
      branches.find((b) => b === run?.branch) ??
      (run ? undefined : branches.find((b) => b.endsWith(`/${runId}`)));
    const item: PruneItem = {
      runId,
      ...(branch ? { branch } : {}),
      ...(worktrees.includes(runId) ? { worktree: path.join(worktreesDir, runId) } : {}),
      ...(run ? { status: run.status } : {}),
      why: "",
    };
    const verdict = run
      ? await decide(repo, store, run, branch, current, options.succeeded ?? false)
      : { remove: false, why: unknownRun(repo, item) };
    item.why = verdict.why;
    (verdict.remove ? plan.remove : plan.keep).push(item);
  }
  return plan;
}

/**
 * Why a run the store does not know keeps its branch and worktree, and how to remove them: it may be
 * another store's (the embedded one, or a DATABASE_URL), or one killed before it was recorded, and
 * only the person knows which.
 */
function unknownRun(repo: string, item: PruneItem): string {
  const remove = [
    ...(item.worktree ? [`git worktree remove --force ${path.relative(repo, item.worktree)}`] : []),
    ...(item.branch ? [`git branch -D ${item.branch}`] : []),
  ];
  return `not in this store, so not touched: another store's run, or one killed before it was recorded; if no such run is going on: ${remove.join(" && ")}`;
}

async function decide(
  repo: string,
  store: RunStore,
  run: RunRecord,
  branch: string | undefined,
  current: string,
  succeeded: boolean,
): Promise<{ remove: boolean; why: string }> {
  if (branch && branch === current) return { remove: false, why: "checked out here" };
  switch (run.status) {
    case "rolled_back":
    case "cancelled":
      return { remove: true, why: `${run.status.replace("_", " ")}: its branch holds nothing` };
    case "succeeded": {
      if (!branch) return { remove: true, why: "succeeded; only its worktree is left" };
      if (await merged(repo, branch, run.baseBranch))
        return { remove: true, why: `succeeded and merged into ${run.baseBranch}` };
      if (succeeded) return { remove: true, why: "succeeded, not merged; removed on request" };
      return {
        remove: false,
        why: `succeeded, not merged into ${run.baseBranch}; --succeeded removes it`,
      };
    }
    case "failed":
      return { remove: false, why: "failed: its rollback did not finish; roll it back first" };
    default: {
      const driving = run.status === "running" ? await runDriving(store, run.id) : undefined;
      const standing = runStanding(run, driving);
      const hint = standing?.hint ? `: ${plainHint(standing.hint)}` : "";
      return { remove: false, why: `${run.status}: ${standing ? standing.text + hint : "still going"}` };
    }
  }
}

async function merged(repo: string, branch: string, base: string): Promise<boolean> {
  if (!(await gitOk(["rev-parse", "--verify", "--quiet", `refs/heads/${base}`], { cwd: repo }))) return false;
  return gitOk(["merge-base", "--is-ancestor", `refs/heads/${branch}`, `refs/heads/${base}`], { cwd: repo });
}

/** Removes what the plan says: worktrees first (a branch checked out in one cannot go), then branches. */
export async function applyPrune(repo: string, plan: PrunePlan): Promise<void> {
  for (const item of plan.remove) {
    if (item.worktree && existsSync(item.worktree))
      await git(["worktree", "remove", "--force", item.worktree], { cwd: repo });
  }
  if (plan.spare) await discardWorktree(repo, plan.spare);
  await git(["worktree", "prune"], { cwd: repo });
  for (const item of plan.remove) {
    if (item.branch) await git(["branch", "-D", "--quiet", item.branch], { cwd: repo });
  }
}
