// Manual steps, locally: a markdown task file `.scenario/tasks/<run>.md` a person edits. Ticking a
// box there counts, and so does `scenario tick` (which ticks the file and the store together).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stepNumber } from "../engine/plan/step-number.ts";
import type { RunRecord, RunStore, StepRecord, TaskSink } from "../engine/ports.ts";
import type { RunHint } from "../errors/index.ts";
import { plainHint } from "./plain-hint.ts";

export interface FileTaskSinkOptions {
  /** Folder of task files, e.g. `<repo>/.scenario/tasks`. */
  dir: string;
  store: RunStore;
  /** Who ticks when the file says so (stored as `doneBy`). */
  tickedBy?: string;
  /** How the file words a next step (default: a bare `scenario <action> <run>`). */
  hint?: (hint: RunHint) => string;
}

/** What the run could not check, for a person to confirm: added to the task file once, after success. */
const DEV_TASK_HEADING = "## Not checked by the run: confirm after it";

const ITEM = /^\s*- \[( |x|X)\] (.*?)\s*<!-- scenario:step=(\d+) item=(\d+) -->\s*$/;

export class FileTaskSink implements TaskSink {
  private readonly dir: string;
  private readonly store: RunStore;
  private readonly tickedBy: string;
  private readonly hint: (hint: RunHint) => string;

  constructor(options: FileTaskSinkOptions) {
    this.dir = options.dir;
    this.store = options.store;
    this.tickedBy = options.tickedBy ?? "task-file";
    this.hint = options.hint ?? plainHint;
  }

  fileOf(runId: string): string {
    return path.join(this.dir, `${runId}.md`);
  }

  async publish(run: RunRecord, step: StepRecord, items: string[]): Promise<void> {
    const file = this.fileOf(run.id);
    let text = existsSync(file) ? readFileSync(file, "utf8") : this.header(run);
    // The marker keeps the plan index (the store's key); the heading shows the step's number.
    if (!text.includes(`<!-- scenario:step=${step.index} item=0 -->`)) {
      const lines = items.map(
        (item, j) => `- [ ] ${oneLine(item)} <!-- scenario:step=${step.index} item=${j} -->`,
      );
      text += `\n## Step ${stepNumber(step, run.scenarioId)}: ${step.name}\n\n${lines.join("\n")}\n`;
      writeAtomically(file, text);
    }
    const known = await this.store.listTasks(run.id);
    const fresh = items
      .map((text, item) => ({ runId: run.id, stepIndex: step.index, item, text, done: false }))
      .filter((t) => !known.some((k) => k.stepIndex === t.stepIndex && k.item === t.item));
    if (fresh.length) await this.store.saveTasks(fresh);
  }

  async isDone(run: RunRecord, step: StepRecord): Promise<boolean> {
    const ticked = this.tickedInFile(run.id, step.index);
    const tasks = (await this.store.listTasks(run.id)).filter((t) => t.stepIndex === step.index);
    for (const task of tasks) {
      if (!task.done && ticked.has(task.item)) {
        await this.store.tickTask(run.id, step.index, task.item, this.tickedBy);
        task.done = true;
      }
    }
    return tasks.length > 0 && tasks.every((t) => t.done);
  }

  async devTask(run: RunRecord, items: string[]): Promise<string | undefined> {
    if (!items.length) return undefined;
    const file = this.fileOf(run.id);
    let text = existsSync(file) ? readFileSync(file, "utf8") : this.header(run);
    if (text.includes(`\n${DEV_TASK_HEADING}\n`)) return file;
    text += `\n${DEV_TASK_HEADING}\n\n${items.map((i) => `- [ ] ${oneLine(i)}`).join("\n")}\n`;
    writeAtomically(file, text);
    return file;
  }

  /** Ticks every item of a step in the file and the store (`scenario tick <run> <step>`). Returns how many changed. */
  async tick(runId: string, stepIndex: number, by: string): Promise<number> {
    const tasks = (await this.store.listTasks(runId)).filter((t) => t.stepIndex === stepIndex);
    let changed = 0;
    for (const task of tasks) {
      if (task.done) continue;
      await this.store.tickTask(runId, stepIndex, task.item, by);
      changed++;
    }
    const file = this.fileOf(runId);
    if (existsSync(file)) {
      const text = readFileSync(file, "utf8")
        .split("\n")
        .map((line) => {
          const m = ITEM.exec(line);
          return m && Number(m[3]) === stepIndex ? line.replace("- [ ]", "- [x]") : line;
        })
        .join("\n");
      writeAtomically(file, text);
    }
    return changed;
  }

  private header(run: RunRecord): string {
    return (
      `# Tasks for run ${run.id} (${run.scenarioId})\n\n` +
      `Tick a box (\`- [x]\`) when it is done, then \`${this.hint({ do: "run", action: "resume", runId: run.id })}\`.\n` +
      `Branch: \`${run.branch}\`\n`
    );
  }

  private tickedInFile(runId: string, stepIndex: number): Set<number> {
    const file = this.fileOf(runId);
    const ticked = new Set<number>();
    if (!existsSync(file)) return ticked;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const m = ITEM.exec(line);
      if (m && m[1] !== " " && Number(m[3]) === stepIndex) ticked.add(Number(m[4]));
    }
    return ticked;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replaceAll("<!--", "<\\!--");
}

/** Write-then-rename, so a crash never leaves half a task file. */
function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
