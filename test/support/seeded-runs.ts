// Runs and checklists as the Action leaves them, for tests that act on an existing run.
import { renderChecklist } from "../../src/command/index.ts";
import type { RunStatus, RunStore } from "../../src/engine/ports.ts";

export async function seedRun(
  store: RunStore,
  id: string,
  status: RunStatus,
  issueNumber = 1,
  /** The checklist comment the Action recorded for the run (the example payloads' comment). */
  checklistCommentId = 492700400,
): Promise<void> {
  await store.createRun({
    id,
    scenarioId: "add-rls-policies",
    params: { table: "documents", owner_column: "user_id", mode: "owner" },
    status,
    repository: "Codertocat/Hello-World",
    target: "documents",
    branch: `scenario/add-rls-policies/${id}`,
    baseBranch: "master",
    issueNumber,
    triggeredBy: "Codertocat",
  });
  await store.updateRun(id, { checklistCommentId });
  if (status === "waiting") {
    await store.saveStep({
      runId: id,
      index: 5,
      scenarioId: "add-rls-policies",
      number: 4,
      name: "Review the policies with the data owner",
      kind: "manual",
      status: "waiting",
    });
    await store.saveTasks([
      { runId: id, stepIndex: 5, item: 0, text: "The policies match", done: false },
      { runId: id, stepIndex: 5, item: 1, text: "user_id is indexed", done: false },
    ]);
  }
}

export function checklist(id: string, ticked: boolean[] = [false, false]): string {
  return renderChecklist({
    runId: id,
    scenarioId: "add-rls-policies",
    steps: [
      {
        index: 5,
        name: "Review the policies with the data owner",
        items: [
          { text: "The policies match who may read and write `documents`", done: ticked[0] ?? false },
          { text: "`user_id` is indexed and always set on insert", done: ticked[1] ?? false },
        ],
      },
    ],
  });
}
