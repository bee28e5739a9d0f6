// One recipe step (`### 2. Create Service Class` and what follows) as a draft step: shell blocks
// run, "create this file" + a code block becomes a `file=` block, an export line added to an index
// is appended, any other edit of an existing file is left to a person with the snippet shown.
import type { Code, List, Paragraph, RootContent } from "mdast";
import { type DraftStep, toExample } from "../../../application/authoring/draft.ts";
import { plainText } from "../../../application/authoring/mdast.ts";
import { hasReaderName } from "../../../application/authoring/names.ts";
import type { StepKind } from "../../../scenario/index.ts";
import type { RecipeStep } from "./recipe.ts";

export interface WrittenFile {
  path: string;
  append: boolean;
  /** The first line of the content, for a check that an appended line is there. */
  firstLine: string;
}

/** What the steps seen so far tell the next ones: the recipe author's current folder, what was written. */
export interface StepState {
  cwd?: string;
  files: WrittenFile[];
  dirs: string[];
}

const SHELL = new Set(["bash", "sh", "shell", "zsh"]);
const LABEL = /^(file|location|database migration|migration)$/i;
const VERB = /^\s*(create|add|write|edit|update|modify)\s+$/i;
const ROOTS = /^(packages|apps|scripts|supabase|docs|src|tests?|\.github)\//;

/** A target named in a paragraph: `**File**: \`path\`` or `Create \`path\`:`. */
function targetOf(p: Paragraph): string | undefined {
  const kids = p.children;
  for (let i = 0; i < kids.length; i++) {
    const kid = kids[i];
    const next = kids[i + 1]?.type === "inlineCode" ? kids[i + 1] : kids[i + 2];
    const labelled = kid?.type === "strong" && LABEL.test(plainText(kid).replace(/:$/, "").trim());
    const verb = i === 0 && kid?.type === "text" && VERB.test(kid.value);
    if (
      (labelled || verb) &&
      next?.type === "inlineCode" &&
      /[./]/.test(next.value) &&
      !/\s/.test(next.value)
    ) {
      return next.value;
    }
  }
  return undefined;
}

/** Only comments and `cd`/`ls`-free path lines: a listing of files to look at, not a script. */
function isListing(script: string): boolean {
  const lines = script.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"));
  return lines.length > 0 && lines.every((l) => /^[\w@.{}[\]/-]+\/?$/.test(l.trim()) && l.includes("/"));
}

/** A block that only commits (`git add -A && git commit -m "..."`): the engine commits every step itself. */
function isGitOnly(script: string): boolean {
  const first = script.split("\n").find((l) => l.trim() && !l.trim().startsWith("#"));
  return first !== undefined && /^\s*git\s+(add|commit)\b/.test(first);
}

/** `touch path` (and comments) only: the recipe makes an empty file and shows its content next. */
function touchedPath(script: string): string | undefined {
  const lines = script.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"));
  const line = (lines[0] ?? "").replace(/\$\(date [^)]*\)/g, "{timestamp}");
  const m = lines.length === 1 ? /^\s*touch\s+(\S+)\s*$/.exec(line) : null;
  return m?.[1];
}

function onlyExports(code: string): boolean {
  const lines = code.split("\n").filter((l) => l.trim());
  return (
    lines.some((l) => /^\s*export\s/.test(l)) &&
    lines.every((l) => /^\s*(export\s.+\sfrom\s.+|\/\/.*)$/.test(l))
  );
}

/**
 * A file the recipe creates: its own name holds a reader's name (`{name}.ts`, `[date]_x.sql`), or it
 * sits in a folder the recipe made. `apps/{app}/src/App.tsx` exists already: it is edited, not written.
 */
function isNewFile(path: string, state: StepState): boolean {
  const slash = path.lastIndexOf("/");
  const dir = path.slice(0, slash);
  return hasReaderName(path.slice(slash + 1)) || state.dirs.some((d) => dir === d || dir.startsWith(`${d}/`));
}

function resolve(path: string, state: StepState): string {
  if (!state.cwd || ROOTS.test(path) || path.startsWith("/")) return path;
  return `${state.cwd.replace(/\/$/, "")}/${path.replace(/^\.\//, "")}`;
}

function trackShell(script: string, state: StepState): void {
  for (const line of script.split("\n")) {
    const cd = /^\s*cd\s+([^\s;&|$`]+)\s*$/.exec(line);
    if (cd) state.cwd = cd[1];
    const mkdir = /^\s*mkdir\s+-p\s+([^\s;&|$`]+)\s*$/.exec(line);
    if (mkdir) state.dirs.push((mkdir[1] as string).replace(/\/$/, ""));
  }
}

function checklistOf(list: List): string[] {
  // The first line of each item, plain: a task list becomes the step's checklist.
  return list.children.map((item) => plainText(item).split("\n")[0]?.trim() ?? "").filter(Boolean);
}

export function draftStep(step: RecipeStep, state: StepState): DraftStep {
  const filesBefore = state.files.length;
  const dirsBefore = state.dirs.length;
  const content: RootContent[] = [];
  const checklist: string[] = [];
  const guesses: string[] = [];
  let target: string | undefined;
  let runnable = 0;
  let files = 0;
  let committed = false;
  let byHand = /\bmanual(ly)?\b/i.test(step.name);
  let firstList: List | undefined;

  for (const node of step.nodes) {
    if (node.type === "heading") {
      content.push({
        type: "paragraph",
        children: [{ type: "strong", children: [{ type: "text", value: plainText(node) }] }],
      });
    } else if (node.type === "paragraph") {
      const named = targetOf(node);
      if (named && !named.endsWith("/")) target = resolve(named, state);
      if (/in another terminal/i.test(plainText(node))) byHand = true;
      content.push(node);
    } else if (node.type === "list") {
      if (node.children.some((c) => typeof c.checked === "boolean")) checklist.push(...checklistOf(node));
      else {
        firstList ??= node;
        content.push(node);
      }
    } else if (node.type === "code") {
      content.push(convertCode(node));
    } else content.push(node);
  }

  function convertCode(code: Code): Code {
    const lang = (code.lang ?? "").toLowerCase();
    if (target !== undefined) {
      const path = target;
      target = undefined;
      if (isNewFile(path, state)) {
        files++;
        state.files.push({ path, append: false, firstLine: firstLineOf(code.value) });
        guesses.push(`the block after \`${path}\` is written to that file`);
        return { type: "code", lang: code.lang || "text", meta: `file=${path}`, value: code.value };
      }
      if (onlyExports(code.value)) {
        files++;
        state.files.push({ path, append: true, firstLine: firstLineOf(code.value) });
        guesses.push(`the export lines are appended to \`${path}\``);
        return { type: "code", lang: code.lang || "text", meta: `file=${path} append`, value: code.value };
      }
      checklist.push(`Add the block shown to \`${path}\``);
      byHand = true;
      guesses.push(`\`${path}\` already exists and the recipe edits it in place: left to a person`);
      return { type: "code", lang: code.lang, value: code.value };
    }
    if (!SHELL.has(lang)) return code;
    if (isGitOnly(code.value)) {
      committed = true;
      guesses.push("the recipe's git commit was left out: the engine commits every step itself");
      return { type: "code", lang: "text", value: code.value };
    }
    if (isListing(code.value)) return { type: "code", lang: "text", value: code.value };
    const touched = touchedPath(code.value);
    if (touched) {
      target = touched;
      guesses.push("the `touch` makes the file the next block fills");
      return { type: "code", lang: "text", value: code.value };
    }
    runnable++;
    trackShell(code.value, state);
    return { type: "code", lang: "bash", value: code.value };
  }

  // Drop the git-only blocks from what is shown: they were a checkpoint, which the kind now says.
  const shown = content.filter((n) => !(n.type === "code" && n.lang === "text" && isGitOnly(n.value)));
  let kind: StepKind;
  if (byHand) kind = "manual";
  else if (runnable + files > 0) {
    kind = files === 0 && /^(test|verify|validate|check|run)\b/i.test(step.name) ? "validation" : "automated";
  } else if (committed) kind = "checkpoint";
  else kind = "manual";

  if (kind === "manual") {
    // Nothing of it runs: later steps must not count on what it would have written.
    state.files.length = filesBefore;
    state.dirs.length = dirsBefore;
    // The step's own list is its checklist, as written; else the step itself is the one item.
    const ticked = firstList && {
      ...firstList,
      children: firstList.children.map((c) => ({ ...c, checked: false })),
    };
    if (checklist.length === 0 && ticked) shown.splice(shown.indexOf(firstList as List), 1, ticked);
    else if (checklist.length === 0) checklist.push(step.name);
    if (runnable + files > 0) guesses.push("its commands are shown, not run: a person does this step");
    return { name: step.name, kind, content: shown.map(toExample), checklist, guesses };
  }
  if (kind === "validation") guesses.push("a test step: its commands are the verdict");
  return { name: step.name, kind, content: shown, checklist: [], guesses };
}

function firstLineOf(text: string): string {
  return (
    text
      .split("\n")
      .find((l) => l.trim() && !/^\s*(\/\/|#|--)/.test(l))
      ?.trim() ?? ""
  );
}
