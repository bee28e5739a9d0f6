// Which lines of a comment can hold a command. A `/scenario` line inside a block quote (a lazy
// continuation too), a fenced or indented code block, an HTML comment or a raw <pre>/<script>/<style>/
// <textarea> block is someone showing or quoting a command, never asking for one.
//
// Anyone can comment on a public repository, so this reads the block structure line by line in one
// pass (the container and leaf rules of CommonMark as cmark-gfm, GitHub's renderer, applies them),
// instead of parsing the whole body into a tree: remark took seconds to minutes on nested `> - `
// markers. Work per line is bounded by MAX_NESTING. Where this reading could differ from GitHub's
// (inline code spans holding `<!--`, HTML blocks of type 7), it errs toward "not a command".

/** Longest comment read, in characters: GitHub refuses longer comment bodies. */
export const MAX_COMMENT_CHARS = 65_536;
/** Deepest nesting of block quotes and list items followed; what lies deeper is never a command. */
export const MAX_NESTING = 32;

/** `overflow`: nesting went deeper than MAX_NESTING inside it; nothing in it is read as a command. */
type Container = { hasContent: boolean; overflow?: boolean } & (
  | { kind: "quote" }
  | { kind: "item"; indent: number }
);

type Leaf =
  | { kind: "paragraph"; inComment: boolean; hidden?: boolean }
  | { kind: "fence"; char: string; length: number }
  | { kind: "indented" }
  | { kind: "html"; end: string | "blank"; hidden: boolean; inComment: boolean };

// HTML block starts (CommonMark 4.6), types 1-6. Type 7 (any lone tag) is left out on purpose: taking
// a line for one would hide a fence opened after it, so it is read as a paragraph.
const HTML_RAW = /^<(script|pre|style|textarea)(?=[ \t>]|$)/i;
const HTML_BLOCK_TAG =
  /^<\/?(address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?=[ \t]|\/?>|$)/i;
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^#{1,6}(?=[ ]|$)/;
const THEMATIC_BREAK = /^(?:(?:\*[ ]*){3,}|(?:-[ ]*){3,}|(?:_[ ]*){3,})$/;
const SETEXT_UNDERLINE = /^(?:=+|-+)[ ]*$/;
const BULLET = /^[-+*](?=[ ]|$)/;
const ORDERED = /^(\d{1,9})[.)](?=[ ]|$)/;

/** Tabs to spaces at 4-column stops: where whitespace shapes blocks, CommonMark reads tabs that way. */
function expandTabs(line: string): string {
  if (!line.includes("\t")) return line;
  let out = "";
  for (const c of line) out += c === "\t" ? " ".repeat(4 - (out.length % 4)) : c;
  return out;
}

function indentAt(line: string, pos: number): number {
  let i = pos;
  while (line[i] === " ") i++;
  return i - pos;
}

/**
 * Reads a comment one line at a time; `isLive(n)` after feeding line n says whether that line is
 * ordinary paragraph text outside any quote, code block or HTML comment.
 */
class BlockScanner {
  #containers: Container[] = [];
  #leaf: Leaf | undefined;

  /** Feeds one line (without its line break); returns whether it is live paragraph text. */
  feed(raw: string): boolean {
    const line = expandTabs(raw);
    let pos = 0;

    // 1. Which open containers this line continues.
    let matched = 0;
    for (; matched < this.#containers.length; matched++) {
      const c = this.#containers[matched] as Container;
      const indent = indentAt(line, pos);
      const blank = pos + indent >= line.length;
      if (c.kind === "quote") {
        if (indent > 3 || line[pos + indent] !== ">") break;
        pos += indent + 1;
        if (line[pos] === " ") pos++;
      } else if (!blank && indent >= c.indent) {
        pos += c.indent;
      } else if (blank && c.hasContent) {
        pos += indent;
      } else break;
    }
    const allContainers = matched === this.#containers.length;

    // 2. Whether the open leaf goes on (code and HTML blocks take the line whole).
    let leafMatched = false;
    if (allContainers && this.#leaf) {
      const leaf = this.#leaf;
      const indent = indentAt(line, pos);
      const rest = line.slice(pos + indent);
      const blank = rest.length === 0;
      switch (leaf.kind) {
        case "fence":
          if (indent <= 3 && isFenceClose(rest, leaf)) this.#leaf = undefined;
          return false;
        case "indented":
          if (indent >= 4 || blank) return false;
          break;
        case "html":
          if (leaf.end === "blank") {
            // Raw HTML shows its text (a command there counts, as it always has), except in an HTML comment.
            if (blank) this.#leaf = undefined;
            const shown = !blank && !leaf.inComment;
            leaf.inComment = inlineCommentOpenAfter(rest, leaf.inComment);
            return shown && !this.#containers.some((c) => c.kind === "quote" || c.overflow);
          }
          if (line.slice(pos).includes(leaf.end)) this.#leaf = undefined;
          return false;
        case "paragraph":
          leafMatched = !blank;
          break;
      }
    }

    // 3. New blocks this line opens.
    let contIsParagraph = leafMatched; // cmark's "the last matched block is a paragraph"
    let maybeLazy = this.#leaf?.kind === "paragraph";
    let opened = false;
    const closeUnmatched = () => {
      this.#containers.length = matched;
      this.#leaf = undefined;
    };
    /** Opens a container; at MAX_NESTING the rest of the line is hidden text of the deepest one instead. */
    const push = (c: Container): boolean => {
      closeUnmatched();
      const parent = this.#containers[this.#containers.length - 1];
      if (parent) parent.hasContent = true;
      if (parent && this.#containers.length >= MAX_NESTING) {
        parent.overflow = true;
        this.#leaf = { kind: "paragraph", inComment: false, hidden: true };
        return false;
      }
      this.#containers.push(c);
      matched = this.#containers.length;
      opened = true;
      contIsParagraph = false;
      maybeLazy = false;
      return true;
    };
    for (;;) {
      const indent = indentAt(line, pos);
      const start = pos + indent;
      const rest = line.slice(start);
      const blank = rest.length === 0;
      const indented = indent >= 4;
      if (!indented && rest[0] === ">") {
        if (!push({ kind: "quote", hasContent: false })) return false;
        pos = start + 1;
        if (line[pos] === " ") pos++;
        continue;
      }
      if (!indented && ATX_HEADING.test(rest)) {
        closeUnmatched();
        return false;
      }
      const fence = indented ? null : FENCE_OPEN.exec(rest);
      if (fence && !(fence[1]?.startsWith("`") && fence[2]?.includes("`"))) {
        closeUnmatched();
        this.#leaf = { kind: "fence", char: fence[1]?.[0] as string, length: fence[1]?.length as number };
        return false;
      }
      const html = indented ? undefined : htmlStart(rest);
      if (html) {
        closeUnmatched();
        const ends = html.end !== "blank" && rest.includes(html.end, html.searchFrom);
        const inComment = html.end === "blank" && inlineCommentOpenAfter(rest, false);
        if (!ends) this.#leaf = { kind: "html", end: html.end, hidden: html.hidden, inComment };
        return false;
      }
      if (!indented && contIsParagraph && SETEXT_UNDERLINE.test(rest)) {
        this.#leaf = undefined;
        return false;
      }
      if (!indented && THEMATIC_BREAK.test(rest)) {
        closeUnmatched();
        return false;
      }
      const item = indented ? undefined : listMarker(rest, contIsParagraph);
      if (item) {
        if (!push({ kind: "item", indent: indent + item.padding, hasContent: !item.blank })) return false;
        pos = start + (item.blank ? item.width : item.padding);
        continue;
      }
      if (indented && !maybeLazy && !blank) {
        closeUnmatched();
        this.#leaf = { kind: "indented" };
        return false;
      }
      break;
    }

    // 4. The text of the line: a lazy continuation of an open paragraph, or a paragraph here.
    const indent = indentAt(line, pos);
    const text = line.slice(pos + indent);
    const blank = text.length === 0;
    let paragraph: Extract<Leaf, { kind: "paragraph" }>;
    const lazy = !opened && !blank && this.#leaf?.kind === "paragraph" && !allContainers;
    if (lazy || (leafMatched && this.#leaf?.kind === "paragraph")) {
      paragraph = this.#leaf as typeof paragraph;
    } else {
      closeUnmatched();
      if (blank) return false;
      paragraph = { kind: "paragraph", inComment: false };
      this.#leaf = paragraph;
    }
    for (const c of this.#containers) c.hasContent = true;
    const hidden = paragraph.inComment || paragraph.hidden === true;
    paragraph.inComment = inlineCommentOpenAfter(text, paragraph.inComment);
    return !hidden && !this.#containers.some((c) => c.kind === "quote" || c.overflow);
  }
}

function isFenceClose(rest: string, fence: { char: string; length: number }): boolean {
  let n = 0;
  while (rest[n] === fence.char) n++;
  return n >= fence.length && rest.slice(n).trim() === "";
}

/** An HTML block opening at `rest` (CommonMark types 1-6): what ends it, and whether it is hidden or code. */
function htmlStart(rest: string): { end: string | "blank"; hidden: boolean; searchFrom: number } | undefined {
  if (rest[0] !== "<") return undefined;
  const raw = HTML_RAW.exec(rest);
  if (raw) return { end: `</${(raw[1] as string).toLowerCase()}>`, hidden: true, searchFrom: 1 };
  if (rest.startsWith("<!--")) return { end: "-->", hidden: true, searchFrom: 2 };
  if (rest.startsWith("<?")) return { end: "?>", hidden: true, searchFrom: 2 };
  if (rest.startsWith("<![CDATA[")) return { end: "]]>", hidden: true, searchFrom: 9 };
  if (/^<![A-Za-z]/.test(rest)) return { end: ">", hidden: true, searchFrom: 2 };
  if (HTML_BLOCK_TAG.test(rest)) return { end: "blank", hidden: false, searchFrom: 0 };
  return undefined;
}

/** A list item marker at `rest`: its width, the content's offset from the marker, and whether the item starts blank. */
function listMarker(
  rest: string,
  interruptsParagraph: boolean,
): { width: number; padding: number; blank: boolean } | undefined {
  let width: number;
  const ordered = ORDERED.exec(rest);
  if (ordered) {
    if (interruptsParagraph && Number(ordered[1]) !== 1) return undefined;
    width = ordered[0].length;
  } else if (BULLET.test(rest)) width = 1;
  else return undefined;
  const spaces = indentAt(rest, width);
  const blank = width + spaces >= rest.length;
  if (blank && interruptsParagraph) return undefined;
  return { width, padding: width + (blank || spaces >= 5 ? 1 : spaces), blank };
}

/** Whether an inline `<!--` is still open at the end of `text`, given whether one was open at its start. */
function inlineCommentOpenAfter(text: string, open: boolean): boolean {
  let at = 0;
  let inside = open;
  for (;;) {
    if (inside) {
      const end = text.indexOf("-->", at);
      if (end === -1) return true;
      inside = false;
      at = end + 3;
    } else {
      const start = text.indexOf("<!--", at);
      if (start === -1) return false;
      inside = true;
      // `<!-->` and `<!--->` are whole (empty) comments.
      at = start + 2;
    }
  }
}

/** 1-based numbers of the lines of `lines` that are live paragraph text, in order. */
export function liveLines(lines: readonly string[], wanted: (line: string) => boolean): number[] {
  const scanner = new BlockScanner();
  const live: number[] = [];
  for (const [i, line] of lines.entries()) {
    if (scanner.feed(line) && wanted(line)) live.push(i + 1);
  }
  return live;
}
