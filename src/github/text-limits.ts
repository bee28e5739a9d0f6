// GitHub's size limits on what scenario-bot writes, and the one way it stays within them: a text past
// its limit is cut, with a note saying how much went and where the whole text is.
// - Issue, comment and pull request bodies: 65,536 characters; longer is refused with 422 "Validation
//   Failed", "Body is too long (maximum is 65536 characters)" (resource IssueComment or Issue).
//   https://docs.github.com/rest/issues/comments#create-an-issue-comment
// - Check run output summary and text: "Maximum length: 65535 characters"; an annotation's message
//   64 KB, its title 255. https://docs.github.com/rest/checks/runs#create-a-check-run
//
// A body is cut marker-aware: scenario-bot finds its comments and sections again by hidden markers
// (`<!-- ... -->`, never in people's text: markdown's `neutral`), and a checklist item's tick resumes
// a run. Lines holding a marker (a whole multi-line HTML comment) or a task-list item are kept as they
// are; only the text between them is cut, from the longest stretch first, keeping its start, closing a
// code fence or `<details>` the cut left open so the kept lines after it still render.
import { ScenarioBotError } from "../errors/index.ts";

/** The longest issue, comment or pull request body GitHub accepts (characters). */
export const MAX_BODY_CHARS = 65_536;

/** Where the whole of a cut text can be read (the workflow run's log), and how it gets there. */
export interface FullText {
  /** Linked from the note; none: the note only says how much was cut. */
  fullAt?: string;
  /**
   * Puts the whole text where `fullAt` points, before the cut one is sent (the Action prints it to
   * the job's log). `what` names it: "the comment on #12".
   */
  keep?: (what: string, text: string) => void;
}

/** The note that stands where text was cut. */
export function cutNote(cut: number, fullAt?: string): string {
  const where = fullAt ? `; the whole text is in [the workflow run's log](${fullAt})` : "";
  return `*(${cut.toLocaleString("en-US")} characters cut to stay within GitHub's limit${where})*`;
}

/**
 * `text` within `max` characters: the end kept (where a failure's output says why), after the note.
 * For check run output, which holds no markers.
 */
export function clip(text: string, max: number, fullAt?: string): string {
  if (text.length <= max) return text;
  const note = (cut: number) => `${cutNote(cut, fullAt)}\n\n…`;
  let cut = text.length - max + note(text.length).length;
  cut = text.length - max + note(cut).length;
  return `${note(cut)}${text.slice(cut)}`;
}

/**
 * `text` within `maxBytes` bytes of UTF-8, cut as `clip` cuts: for limits GitHub states in bytes (an
 * annotation's message, 64 KB), where a limit in characters would let multi-byte text through.
 */
export function clipBytes(text: string, maxBytes: number, fullAt?: string): string {
  let out = clip(text, maxBytes, fullAt);
  for (let bytes = Buffer.byteLength(out); bytes > maxBytes; bytes = Buffer.byteLength(out))
    out = clip(text, Math.floor((out.length * maxBytes) / bytes) - 1, fullAt);
  return out;
}

/** A body whose markers and checklist items alone pass GitHub's limit: cutting would break them. */
export class BodyTooLongError extends ScenarioBotError {
  override name = "BodyTooLongError";
  readonly kind = "input";
  constructor(what: string, length: number, kept: number, max: number) {
    super(
      `${what} would be ${length.toLocaleString("en-US")} characters, and its hidden markers and checklist items alone take ${kept.toLocaleString("en-US")}: more than the ${max.toLocaleString("en-US")} GitHub allows. ` +
        "Nothing was sent, since a marker or checklist item cut short would stop scenario-bot finding its comment or resuming the run on a tick.",
      {
        hints: [
          {
            do: "say",
            text: "Make the scenario's manual checklists and parameters shorter (fewer or shorter items), or split the scenario.",
          },
        ],
      },
    );
  }
}

export interface FitOptions extends FullText {
  /** Names the body in the error and for `keep` ("the comment on #12"). */
  what?: string;
  max?: number;
}

/** `body` within GitHub's limit, cut marker-aware (see the top of this file); as is when it fits. */
export function fitBody(body: string, options: FitOptions = {}): string {
  const max = options.max ?? MAX_BODY_CHARS;
  if (body.length <= max) return body;
  const what = options.what ?? "the body";
  const segments = segmentsOf(body);
  let extra = 0;
  for (let attempt = 0; attempt < 4; attempt++) {
    const fitted = cutSegments(segments, body.length - max + extra, options.fullAt);
    if (fitted === undefined) break;
    if (fitted.length <= max) {
      options.keep?.(what, body);
      return fitted;
    }
    extra += fitted.length - max;
  }
  const kept = segments.filter((s) => s.kept).reduce((n, s) => n + s.text.length, 0);
  throw new BodyTooLongError(what, body.length, kept, max);
}

interface Segment {
  /** Lines that must stay as they are (markers, checklist items), or a block of text that may be cut. */
  kept: boolean;
  text: string;
}

const TASK_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)]) \[[ xX]\](?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** A fence's opening or closing line, read the CommonMark way (a backtick fence's info has no backtick). */
function fenceOf(line: string): { marker: string; info: string } | undefined {
  const m = FENCE.exec(line.replace(/\r?\n$/, ""));
  const [, marker = "", info = ""] = m ?? [];
  return m && !(marker.startsWith("`") && info.includes("`")) ? { marker, info } : undefined;
}

function closes(line: string, open: string): boolean {
  const f = fenceOf(line);
  return Boolean(f && f.marker[0] === open[0] && f.marker.length >= open.length && !f.info.trim());
}

const linesOf = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/**
 * The body as kept stretches and free blocks, each line with its line end. A free block ends at a blank
 * line outside a code fence, so the longest block (a failure's output, a long plan) is cut first and the
 * tables and lists around it stay whole.
 */
function segmentsOf(body: string): Segment[] {
  const segments: Segment[] = [];
  let inComment = false;
  let fence: string | undefined;
  let blank = false;
  for (const line of linesOf(body)) {
    const opens = line.lastIndexOf("<!--");
    const kept = inComment || opens >= 0 || (!fence && TASK_ITEM.test(line));
    // A comment is open after this line when its last `<!--` has no `-->` after it (or, inside one,
    // when no `-->` closes it here).
    if (opens >= 0) inComment = !line.includes("-->", opens + 4);
    else if (inComment) inComment = !line.includes("-->");
    if (!kept) {
      if (fence) fence = closes(line, fence) ? undefined : fence;
      else fence = fenceOf(line)?.marker;
    }
    const last = segments.at(-1);
    // A line after a blank one starts a new block; blank lines stay with the block they end.
    const isBlank = !kept && !fence && line.trim() === "";
    if (last && last.kept === kept && (kept || !blank || isBlank)) last.text += line;
    else segments.push({ kept, text: line });
    blank = isBlank;
  }
  return segments;
}

/** The body with at least `need` characters cut from its free text; undefined when that is not possible. */
function cutSegments(segments: Segment[], need: number, fullAt?: string): string | undefined {
  const out = segments.map((s) => s.text);
  const order = segments
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !s.kept)
    .sort((a, b) => b.s.text.length - a.s.text.length);
  let left = need;
  for (const { s, i } of order) {
    if (left <= 0) break;
    const overhead = cutNote(s.text.length, fullAt).length + 40;
    const cut = cutText(s.text, Math.max(0, s.text.length - left - overhead), fullAt);
    const gain = s.text.length - cut.length;
    if (gain <= 0) continue;
    out[i] = cut;
    left -= gain;
  }
  return left > 0 ? undefined : out.join("");
}

/** The start of `text` within about `keep` characters (whole lines), what it left open closed, then the note. */
function cutText(text: string, keep: number, fullAt?: string): string {
  const lines = linesOf(text);
  let head = "";
  let fence: { marker: string; mermaid: boolean; at: number } | undefined;
  for (const line of lines) {
    if (head.length + line.length > keep) {
      // One line longer than everything kept: its start, rather than nothing at all.
      if (head === "" && keep > 0) head = line.slice(0, safeEnd(line, keep));
      break;
    }
    const f = fenceOf(line);
    if (f && !fence) fence = { marker: f.marker, mermaid: /^\s*mermaid\b/i.test(f.info), at: head.length };
    else if (fence && closes(line, fence.marker)) fence = undefined;
    head += line;
  }
  // A diagram cut short does not render at all: it goes whole. Code keeps its start, closed.
  if (fence?.mermaid) head = head.slice(0, fence.at);
  const cut = text.length - head.length;
  if (head && !head.endsWith("\n")) head += "…\n";
  if (fence && !fence.mermaid) head += `${fence.marker}\n`;
  const open = (head.match(/<details[\s>]/gi)?.length ?? 0) - (head.match(/<\/details>/gi)?.length ?? 0);
  for (let n = 0; n < open; n++) head += "</details>\n";
  // Blank lines around the note: a line right after a table would be read as one of its rows.
  return `${head ? `${head}\n` : ""}${cutNote(cut, fullAt)}${text.endsWith("\n") ? "\n\n" : ""}`;
}

/** `at`, moved back so that it does not split a surrogate pair. */
function safeEnd(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}
