// Runs a finished run's document rollback steps on a checkout of its branch, the way the engine does
// (bash -euo pipefail, values in the environment), and lists what still differs from the base commit.
// The engine resets the branch after its rollback anyway; this checks that the documents' own rollback
// steps are exact, which is what a human relies on when a run is half-merged or the reset is skipped.
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
  /** `rollback <scenario> #n: exit` per action, in the order they ran. */
  ran: string[];
  /** Paths that differ from the base commit after the rollback steps (`git diff --name-status`). */
  differences: string[];
}

export function checkDocumentRollback(
  repo: string,
  plan: Plan,
  steps: StepRecord[],
  baseSha: string,
): RollbackCheck {
  const dir = mkdtempSync(path.join(tmpdir(), "scenario-rollback-"));
  const worktree = path.join(dir, "tree");
  gitIn(repo, "worktree", "add", "-q", "--detach", worktree, plan.branch);
  try {
    const touched = [...plan.dependencies.required, plan.scenario].filter((scenario) =>
      scenario.stepIndexes.some((i) => steps.find((s) => s.index === i)?.status === "succeeded"),
    );
    const ran: string[] = [];
    for (const scenario of touched.reverse()) {
      for (const item of scenario.rollback) {
        for (const action of item.actions) {
          const result = spawnSync("bash", ["-euo", "pipefail", "-c", action.script], {
            cwd: path.join(worktree, action.cwd),
            env: { ...process.env, ...action.env, SCENARIO_CLI: CLI_PATH },
            encoding: "utf8",
          });
          ran.push(
            `rollback ${scenario.scenarioId} #${item.number}: ${result.status}${result.stderr ? ` ${result.stderr.trim()}` : ""}`,
          );
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
    return { ran, differences };
  } finally {
    gitIn(repo, "worktree", "remove", "--force", worktree);
    rmSync(dir, { recursive: true, force: true });
  }
}
