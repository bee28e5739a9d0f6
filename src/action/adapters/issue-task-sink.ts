// TaskSink on GitHub: a manual step becomes items in the run's checklist comment on the issue the
// command came from (the App's format, `src/command/checklist.ts`, so a tick there resumes the run).
// With no issue, one is created for the run. The comment is re-read before each rewrite, so ticks
// made meanwhile are kept. The checklist is the comment this action wrote: recorded on the run by id
// when the store is shared, else found among the comments of the token's own identity, never by its
// marker alone (the run id is public: anyone could post a pre-ticked copy).
import {
  type ChecklistStep,
  headerMarker,
  parseChecklist,
  renderChecklist,
  stepDone,
} from "../../command/index.ts";
import type { RunRecord, RunStore, StepRecord, TaskSink } from "../../engine/ports.ts";
import type { IssueComment, Issues } from "../../github/issues.ts";
import type { RepoLinks } from "../render/links.ts";

export interface IssueTaskSinkOptions {
  issues: Issues;
  store: RunStore;
  links: RepoLinks;
  log?: (message: string) => void;
}

export class IssueTaskSink implements TaskSink {
  readonly #o: IssueTaskSinkOptions;
  /** Where the checklist went, for the check run's details link. */
  checklistUrl: string | undefined;

  constructor(options: IssueTaskSinkOptions) {
    this.#o = options;
  }

  async publish(run: RunRecord, step: StepRecord, items: string[]): Promise<void> {
    const issue = await this.#issueFor(run);
    const existing = await this.#checklistOf(run, issue);
    const names = new Map((await this.#o.store.listSteps(run.id)).map((s) => [s.index, s.name]));
    const steps: ChecklistStep[] = [];
    const parsed = existing ? parseChecklist(existing.body) : undefined;
    for (const entry of parsed?.entries ?? []) {
      let group = steps.find((s) => s.index === entry.step);
      if (!group) {
        group = { index: entry.step, name: names.get(entry.step) ?? `Step ${entry.step + 1}`, items: [] };
        steps.push(group);
      }
      group.items[entry.item] = { text: entry.text, done: entry.done };
    }
    if (!steps.some((s) => s.index === step.index)) {
      steps.push({ index: step.index, name: step.name, items: items.map((text) => ({ text, done: false })) });
    }
    steps.sort((a, b) => a.index - b.index);
    for (const s of steps) s.items = s.items.filter(Boolean);
    const body = renderChecklist({ runId: run.id, scenarioId: run.scenarioId, steps });
    if (existing) {
      await this.#o.issues.editComment(existing.id, body);
      this.checklistUrl = existing.url;
    } else {
      const posted = await this.#o.issues.comment(issue, body);
      this.checklistUrl = posted.url;
      run.checklistCommentId = posted.id;
      await this.#o.store.updateRun(run.id, { checklistCommentId: posted.id });
    }
    await this.#o.store.saveTasks(
      items.map((text, item) => ({ runId: run.id, stepIndex: step.index, item, text, done: false })),
    );
    this.#o.log?.(`checklist for step ${step.index + 1} published on #${issue}`);
  }

  async isDone(run: RunRecord, step: StepRecord): Promise<boolean> {
    if (!run.issueNumber) return false;
    const comment = await this.#checklistOf(run, run.issueNumber);
    const checklist = comment ? parseChecklist(comment.body) : undefined;
    if (!checklist) return false;
    this.checklistUrl = comment?.url;
    const known = await this.#o.store.listTasks(run.id);
    for (const entry of checklist.entries) {
      const task = known.find((t) => t.stepIndex === entry.step && t.item === entry.item);
      if (entry.done && task && !task.done)
        await this.#o.store.tickTask(run.id, entry.step, entry.item, "checklist");
    }
    return stepDone(checklist, step.index);
  }

  async devTask(run: RunRecord, items: string[]): Promise<string | undefined> {
    if (items.length === 0) return undefined;
    const body = [
      `<!-- scenario-run:${run.id} dev-task -->`,
      `### Left to do after \`${run.scenarioId}\` (run \`${run.id}\`)`,
      "",
      ...items.map((item) => `- [ ] ${item.replace(/[\r\n]+/g, " ")}`),
      "",
      run.pullRequest ? `From ${this.#o.links.pull(run.pullRequest)}.` : "",
    ].join("\n");
    if (run.issueNumber) return (await this.#o.issues.comment(run.issueNumber, body)).url;
    return (await this.#o.issues.create({ title: `Follow-up: ${run.scenarioId} ${run.target}`.trim(), body }))
      .url;
  }

  /** The run's checklist comment: the one recorded on the run, else this identity's own with the run's header. */
  async #checklistOf(run: RunRecord, issue: number): Promise<IssueComment | undefined> {
    const stored = run.checklistCommentId ?? (await this.#o.store.getRun(run.id))?.checklistCommentId;
    if (stored !== undefined) {
      const comment = await this.#o.issues.getComment(stored).catch(() => undefined);
      return comment && parseChecklist(comment.body)?.runId === run.id ? comment : undefined;
    }
    return this.#o.issues.findOwnComment(issue, headerMarker(run.id, run.scenarioId));
  }

  /** The run's issue; creates one (and records it on the run) when the command came from nowhere. */
  async #issueFor(run: RunRecord): Promise<number> {
    if (run.issueNumber) return run.issueNumber;
    const created = await this.#o.issues.create({
      title: `Manual steps: ${run.scenarioId} ${run.target}`.trim(),
      body: `Run \`${run.id}\` of \`${run.scenarioId}\` waits for the manual steps in the checklist below.`,
    });
    run.issueNumber = created.number;
    await this.#o.store.updateRun(run.id, { issueNumber: created.number });
    return created.number;
  }
}
