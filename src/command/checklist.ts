// The run's checklist comment: written by the Action (TaskSink), read by the App when someone ticks.
// Each item ends with a hidden marker `<!-- scenario-run:<run-id> step:<index> item:<j> -->`; the
// comment starts with a header marker `<!-- scenario-checklist run:<run-id> scenario:<id> -->` (the
// scenario.yml workflow looks for `scenario-checklist` to decide whether an edit may be a tick).
// Only lines that end with a well-formed marker count, so prose around them may change freely.

export interface ChecklistEntry {
  /** 0-based plan index of the manual step. */
  step: number;
  /** 0-based position of the item in its step. */
  item: number;
  text: string;
  done: boolean;
}

export interface ChecklistStep {
  index: number;
  name: string;
  items: { text: string; done: boolean }[];
}

export interface Checklist {
  runId: string;
  scenarioId: string;
  entries: ChecklistEntry[];
}

const HEADER = /^<!-- scenario-checklist run:([A-Za-z0-9][A-Za-z0-9_.-]*) scenario:([a-z0-9-]+) -->$/m;
const ITEM =
  /^[ \t]*[-*] \[([ xX])\] (.*) <!-- scenario-run:([A-Za-z0-9][A-Za-z0-9_.-]*) step:(\d+) item:(\d+) -->[ \t]*$/;

export function headerMarker(runId: string, scenarioId: string): string {
  return `<!-- scenario-checklist run:${runId} scenario:${scenarioId} -->`;
}

export function itemMarker(runId: string, step: number, item: number): string {
  return `<!-- scenario-run:${runId} step:${step} item:${item} -->`;
}

// Item text comes from documents and parameters: it must stay on its line and never forge a marker.
function inline(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/<!--/g, "&lt;!--")
    .replace(/-->/g, "--&gt;")
    .trim();
}

export function renderChecklist(run: {
  runId: string;
  scenarioId: string;
  title?: string;
  steps: ChecklistStep[];
}): string {
  const lines = [
    headerMarker(run.runId, run.scenarioId),
    run.title ?? `### Manual steps of \`${run.scenarioId}\` (run \`${run.runId}\`)`,
    "",
  ];
  for (const step of run.steps) {
    lines.push(`**${inline(step.name)}**`, "");
    step.items.forEach((item, j) => {
      lines.push(`- [${item.done ? "x" : " "}] ${inline(item.text)} ${itemMarker(run.runId, step.index, j)}`);
    });
    lines.push("");
  }
  lines.push(
    "Tick every item of a step to resume the run (you need write access), or comment `/scenario resume`.",
  );
  return lines.join("\n");
}

/** The checklist in a comment body, or undefined when the body has no header marker. */
export function parseChecklist(body: string): Checklist | undefined {
  const header = HEADER.exec(body);
  if (!header) return undefined;
  const runId = header[1] as string;
  const entries: ChecklistEntry[] = [];
  for (const line of body.split(/\r\n|\r|\n/)) {
    const m = ITEM.exec(line);
    if (!m || m[3] !== runId) continue;
    entries.push({ step: Number(m[4]), item: Number(m[5]), text: m[2] as string, done: m[1] !== " " });
  }
  return { runId, scenarioId: header[2] as string, entries };
}

export interface ChecklistDiff {
  ticked: ChecklistEntry[];
  unticked: ChecklistEntry[];
}

/** Who changed what between two versions of the checklist comment (by marker, not by line). */
export function diffChecklists(before: string, after: string): ChecklistDiff {
  const old = parseChecklist(before);
  const now = parseChecklist(after);
  const diff: ChecklistDiff = { ticked: [], unticked: [] };
  if (!now) return diff;
  const was = new Map(
    (old?.runId === now.runId ? old.entries : []).map((e) => [`${e.step}:${e.item}`, e.done]),
  );
  for (const entry of now.entries) {
    const previous = was.get(`${entry.step}:${entry.item}`) ?? false;
    if (entry.done && !previous) diff.ticked.push(entry);
    if (!entry.done && previous) diff.unticked.push(entry);
  }
  return diff;
}

/** Sets the box of each given item (by marker) to `done`, leaving every other character as it is. */
export function setItems(body: string, items: { step: number; item: number }[], done: boolean): string {
  const parsed = parseChecklist(body);
  if (!parsed) return body;
  const wanted = new Set(items.map((i) => `${i.step}:${i.item}`));
  return body
    .split(/(\r\n|\r|\n)/)
    .map((line) => {
      const m = ITEM.exec(line);
      if (!m || m[3] !== parsed.runId || !wanted.has(`${m[4]}:${m[5]}`)) return line;
      return line.replace(/\[[ xX]\]/, done ? "[x]" : "[ ]");
    })
    .join("");
}

/** Is every item of the step ticked (and is there at least one)? */
export function stepDone(checklist: Checklist, step: number): boolean {
  const items = checklist.entries.filter((e) => e.step === step);
  return items.length > 0 && items.every((e) => e.done);
}
