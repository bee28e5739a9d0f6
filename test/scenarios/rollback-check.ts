// Runs a run's document rollback steps on a checkout of one of its checkpoints, the way the engine
// does (bash --noprofile --norc -euo pipefail, values in the environment), and lists what still differs from the base
// commit. The engine resets the branch after its rollback anyway; this checks that the documents' own
// rollback steps are exact from any checkpoint (a failed step leaves the tree at the last one) and
// can run twice (a rollback interrupted and started again).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Plan } from "../../src/engine/plan/plan.ts";
import type { StepRecord } from "../../src/engine/ports.ts";
import { gitIn } from "../support/engine-harness.ts";
import { CLI_PATH } from "./monorepo.ts";

/** Written by the engine itself after a success; the branch reset removes it, not the documents. */
const ENGINE_FILES = ["docs/continuous-improvement/execution-log.md"];

export interface RollbackCheck {
  /** Where the rollback started: the checkpoint's step name, or "branch head". */
  from: string;
  /** `rollback <scenario> #n: exit` per action, in the order they ran (both passes). */
  ran: string[];
  /** Paths that differ from the base commit after the rollback steps (`git diff --name-status`). */
  differences: string[];
}

/** The rollback from the branch head and from every checkpoint a step made. */
export function checkRollbackEverywhere(
  repo: string,
  plan: Plan,
  steps: StepRecord[],
  baseSha: string,
): RollbackCheck[] {
  const made = steps.filter((s) => s.status === "succeeded" && s.commitSha).sort((a, b) => a.index - b.index);
  return [
    checkDocumentRollback(repo, plan, made, plan.branch, "branch head", baseSha),
    ...made.map((step) =>
      checkDocumentRollback(
        repo,
        plan,
        made.filter((s) => s.index <= step.index),
        step.commitSha as string,
        `after step ${step.index + 1} (${step.scenarioId}: ${step.name})`,
        baseSha,
      ),
    ),
  ];
}

function checkDocumentRollback(
  repo: string,
  plan: Plan,
  done: StepRecord[],
  commit: string,
  from: string,
  baseSha: string,
): RollbackCheck {
  const dir = mkdtempSync(path.join(tmpdir(), "scenario-rollback-"));
  const worktree = path.join(dir, "tree");
  gitIn(repo, "worktree", "add", "-q", "--detach", worktree, commit);
  try {
    // As the engine: only scenarios that changed something, the last one first.
    const touched = [...plan.dependencies.required, plan.scenario].filter((scenario) =>
      scenario.stepIndexes.some((i) => done.some((s) => s.index === i)),
    );
    const ran: string[] = [];
    for (let pass = 1; pass <= 2; pass++) {
      for (const scenario of [...touched].reverse()) {
        for (const item of scenario.rollback) {
          for (const action of item.actions) {
            // As the engine starts a block: no rc file (a system bashrc under -u fails), no standard input.
            const result = spawnSync(
              "bash",
              ["--noprofile", "--norc", "-euo", "pipefail", "-c", action.script],
              {
                cwd: path.join(worktree, action.cwd),
                stdio: ["ignore", "pipe", "pipe"],
                env: { ...process.env, ...action.env, SCENARIO_CLI: CLI_PATH },
                encoding: "utf8",
              },
            );
            const err = result.stderr.trim();
            ran.push(
              `pass ${pass} rollback ${scenario.scenarioId} #${item.number}: ${result.status}${err ? ` ${err}` : ""}`,
            );
          }
        }
      }
    }
    gitIn(worktree, "add", "-A");
    const differences = gitIn(
      worktree,
      "diff",
      "--cached",
      "--name-status",
      baseSha,
      "--",
      ".",
      ...ENGINE_FILES.map((f) => `:!${f}`),
    )
      .split("\n")
      .filter(Boolean);
    return { from, ran, differences };
  } finally {
    gitIn(repo, "worktree", "remove", "--force", worktree);
    rmSync(dir, { recursive: true, force: true });
  }
}
