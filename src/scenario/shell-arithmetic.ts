// Where bash evaluates text as arithmetic beyond `$(( ))` and `(( ))`: the operands of `[[ -eq -ne -lt
// -le -gt -ge ]]`, the arguments of `let` and of `declare -i` (typeset, local, export, readonly),
// `$[ ]`, array subscripts (`${a[...]}`, `a[...]=`) and substring offsets (`${x:...}`). Arithmetic
// evaluates a variable's value as an expression, and `a[$(cmd)]` in it runs cmd: a value
// `BASH_VERSINFO[$(id>/tmp/x)0]` reaching `[[ $count -gt 0 ]]` ran `id`. So a placeholder standing in
// such a place, or assigned to a variable (`count={count}`, `for n in {list}`) that is used in one, is
// flagged; shell.ts then allows it only for a number parameter whose value is checked as a number.
// Reading is approximate in the safe direction: anything that looks like one of these places counts.

export interface ArithmeticSpan {
  start: number;
  end: number;
  /** Where the arithmetic is, for messages: "a [[ -gt ]] operand", "a let argument", ... */
  why: string;
}

export interface ArithmeticScan {
  spans: ArithmeticSpan[];
  /** Variables assigned from text holding [start, end): name -> the ranges assigned to it. */
  assigned: Map<string, { start: number; end: number }[]>;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

const ARITH_TEST_OPS = new Set(["-eq", "-ne", "-lt", "-le", "-gt", "-ge"]);
const DECLARE = new Set(["declare", "typeset", "local", "export", "readonly"]);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?\+?=/;
const SEPARATORS = new Set([";", "&", "|", "\n", "(", ")"]);
/** Words after which a new command starts on the same line. */
const KEYWORDS = new Set(["if", "then", "elif", "else", "while", "until", "do", "!", "time", "{", "}"]);

export function scanArithmetic(script: string): ArithmeticScan {
  const scan: ArithmeticScan = { spans: [], assigned: new Map() };
  for (const command of commands(script, 0, script.length, scan.spans)) analyse(command, script, scan);
  return scan;
}

function analyse(words: Word[], script: string, scan: ArithmeticScan): void {
  const add = (w: Word, why: string) => scan.spans.push({ start: w.start, end: w.end, why });
  // Leading assignments, then the command word.
  let i = 0;
  while (i < words.length && KEYWORDS.has((words[i] as Word).text)) i++;
  for (; i < words.length && ASSIGNMENT.test((words[i] as Word).text); i++) assign(words[i] as Word, scan);
  const head = words[i]?.text;
  const args = words.slice(i + 1);
  if (head === "[[") {
    for (const [k, w] of args.entries()) {
      if (!ARITH_TEST_OPS.has(w.text)) continue;
      for (const operand of [args[k - 1], args[k + 1]])
        if (operand) add(operand, `a [[ ${w.text} ]] operand`);
    }
  } else if (head === "let") {
    for (const w of args) add(w, "a let argument");
  } else if (head !== undefined && DECLARE.has(head)) {
    const integer = args.some((w) => /^[-+][a-zA-Z]*i/.test(w.text));
    for (const w of args) {
      if (ASSIGNMENT.test(w.text)) {
        assign(w, scan);
        if (integer) add(w, `a ${head} -i value`);
      }
    }
  } else if (head === "for" && args[1]?.text === "in" && args[0]) {
    const name = args[0].text;
    for (const w of args.slice(2)) {
      if (w.text === "do") break;
      taint(scan, name, w);
    }
  }
  for (const w of words) inWord(w, script, scan);
}

function assign(w: Word, scan: ArithmeticScan): void {
  const m = ASSIGNMENT.exec(w.text) as RegExpExecArray;
  taint(scan, m[1] as string, { start: w.start + m[0].length, end: w.end });
}

function taint(scan: ArithmeticScan, name: string, range: { start: number; end: number }): void {
  const list = scan.assigned.get(name) ?? [];
  list.push({ start: range.start, end: range.end });
  scan.assigned.set(name, list);
}

/** `$[ ]`, `${a[...]}`, `${x:off:len}` and a leading `a[...]=` inside one word. */
function inWord(w: Word, script: string, scan: ArithmeticScan): void {
  const lead = /^[A-Za-z_][A-Za-z0-9_]*\[/.exec(w.text);
  if (lead && ASSIGNMENT.test(w.text)) {
    const close = w.text.indexOf("]", lead[0].length);
    scan.spans.push({ start: w.start + lead[0].length, end: w.start + close, why: "an array subscript" });
  }
  for (let i = w.start; i < w.end - 1; i++) {
    if (script[i] === "\\") {
      i++;
      continue;
    }
    if (script[i] !== "$") continue;
    if (script[i + 1] === "[") {
      const end = matching(script, i + 1, "[", "]", w.end);
      scan.spans.push({ start: i + 2, end, why: "$[ ]" });
    } else if (script[i + 1] === "(" && script[i + 2] === "(") {
      const end = matching(script, i + 1, "(", ")", w.end);
      scan.spans.push({ start: i + 3, end: Math.max(i + 3, end - 1), why: "$(( ))" });
    } else if (script[i + 1] === "{") {
      const end = matching(script, i + 1, "{", "}", w.end);
      const name = /^[#!]?([A-Za-z_][A-Za-z0-9_]*|[@*0-9])/.exec(script.slice(i + 2, end));
      if (!name) continue;
      const after = i + 2 + name[0].length;
      if (script[after] === "[") {
        scan.spans.push({
          start: after + 1,
          end: matching(script, after, "[", "]", end),
          why: "an array subscript",
        });
      } else if (script[after] === ":" && !"-=?+".includes(script[after + 1] ?? "")) {
        scan.spans.push({ start: after + 1, end, why: "a substring offset" });
      }
    }
  }
}

/** The index of the bracket closing the one at `open`, or `limit`. */
function matching(script: string, open: number, o: string, c: string, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    if (script[i] === "\\") i++;
    else if (script[i] === o) depth++;
    else if (script[i] === c && --depth === 0) return i;
  }
  return limit;
}

/**
 * The simple commands of a script as words with offsets: quotes, `$( )`, `${ }` and backticks stay
 * inside their word (the commands in `$( )` and backticks are read too), comments and heredoc bodies
 * are skipped, `;`, `&`, `|`, `(`, `)` and newlines end a command (not inside `[[ ]]`).
 */
function commands(script: string, from: number, to: number, arithmeticCommands: ArithmeticSpan[]): Word[][] {
  const out: Word[][] = [];
  let words: Word[] = [];
  const heredocs: string[] = [];
  let i = from;
  const end = () => {
    if (words.length) out.push(words);
    words = [];
  };
  while (i < to) {
    const c = script[i] as string;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "\n" && heredocs.length) {
      end();
      i = skipHeredocs(script, i + 1, heredocs, to);
      continue;
    }
    if (c === "(" && script[i + 1] === "(" && words.length === 0) {
      // `(( expr ))` and `for (( ...; ...; ... ))`
      const close = closeParen(script, i, to);
      out.push([{ text: "((", start: i, end: i + 2 }]);
      arithmeticCommands.push({ start: i + 2, end: Math.max(i + 2, close - 1), why: "(( ))" });
      i = close + 1;
      continue;
    }
    const inTest = words[0]?.text === "[[";
    if (SEPARATORS.has(c) && !(inTest && c !== "\n" && c !== ";")) {
      end();
      i++;
      continue;
    }
    if (c === "#" && (i === from || /\s|[;&|()]/.test(script[i - 1] as string))) {
      while (i < to && script[i] !== "\n") i++;
      continue;
    }
    const start = i;
    i = wordEnd(script, i, to, out, arithmeticCommands);
    const text = script.slice(start, i);
    words.push({ text, start, end: i });
    const heredoc = /^<<-?\s*(?:'([^']*)'|"([^"]*)"|\\?(\w+))/.exec(
      script.slice(start, Math.min(to, start + 200)),
    );
    if (heredoc && text.startsWith("<<") && !text.startsWith("<<<")) {
      const delimiter = heredoc[1] ?? heredoc[2] ?? heredoc[3] ?? "";
      if (delimiter) heredocs.push(delimiter);
      i = Math.max(i, start + heredoc[0].length);
    }
    if (inTest && text === "]]") end();
  }
  end();
  return out;
}

/** Where the word starting at `i` ends; commands in `$( )` and backticks are added to `out`. */
function wordEnd(script: string, i: number, to: number, out: Word[][], spans: ArithmeticSpan[]): number {
  let j = i;
  while (j < to) {
    const c = script[j] as string;
    if (c === " " || c === "\t" || SEPARATORS.has(c)) {
      // `<(` and `>(` process substitution, and `(` right after `$` are part of the word.
      if (c === "(" && j > i && "<>".includes(script[j - 1] as string)) {
        const close = closeParen(script, j, to);
        out.push(...commands(script, j + 1, close, spans));
        j = close + 1;
        continue;
      }
      return j === i && SEPARATORS.has(c) ? j + 1 : j;
    }
    if (c === "\\") j += 2;
    else if (c === "'") j = closeQuote(script, j, "'", to) + 1;
    else if (c === '"') j = closeDouble(script, j, to, out, spans) + 1;
    else if (c === "$" && script[j + 1] === "'") j = closeQuote(script, j + 1, "'", to) + 1;
    else if (c === "$" && script[j + 1] === "(") {
      const close = closeParen(script, j + 1, to);
      out.push(...commands(script, j + 2, close, spans));
      j = close + 1;
    } else if (c === "$" && (script[j + 1] === "{" || script[j + 1] === "[")) {
      const open = script[j + 1] as string;
      j = matching(script, j + 1, open, open === "{" ? "}" : "]", to) + 1;
    } else if (c === "`") {
      const close = closeQuote(script, j, "`", to);
      out.push(...commands(script, j + 1, close, spans));
      j = close + 1;
    } else j++;
  }
  return j;
}

function closeQuote(script: string, open: number, q: string, to: number): number {
  for (let i = open + 1; i < to; i++) {
    if (q !== "'" && script[i] === "\\") i++;
    else if (script[i] === q) return i;
  }
  return to;
}

function closeDouble(
  script: string,
  open: number,
  to: number,
  out: Word[][],
  spans: ArithmeticSpan[],
): number {
  for (let i = open + 1; i < to; i++) {
    const c = script[i];
    if (c === "\\") i++;
    else if (c === '"') return i;
    else if (c === "$" && script[i + 1] === "(") {
      const close = closeParen(script, i + 1, to);
      out.push(...commands(script, i + 2, close, spans));
      i = close;
    }
  }
  return to;
}

function closeParen(script: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    const c = script[i];
    if (c === "\\") i++;
    else if (c === "'") i = closeQuote(script, i, "'", to);
    else if (c === '"') i = closeQuote(script, i, '"', to);
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return to;
}

function skipHeredocs(script: string, i: number, delimiters: string[], to: number): number {
  let at = i;
  while (delimiters.length && at < to) {
    const lineEnd = script.indexOf("\n", at);
    const stop = lineEnd === -1 || lineEnd > to ? to : lineEnd;
    if (script.slice(at, stop).replace(/^\t+/, "") === delimiters[0]) delimiters.shift();
    at = stop + 1;
  }
  return at;
}

/** Identifiers (`name`, `$name`, `${name...}`) written inside [start, end). */
export function namesIn(script: string, start: number, end: number): string[] {
  return [...script.slice(start, end).matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]);
}
