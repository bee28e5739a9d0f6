// Faster `text` and `inlineCode` handlers for mdast-util-to-markdown, with the library's output.
//
// `text`: the library's own
// handler checks every unsafe pattern (about 95 with GFM: its scope, then its expression) on every
// text node, and runs again for each node as the "what follows" of the one before; that was most of
// the time the App spends on a reply (issue 16). This handler asks the same question the library's
// `safe` does, whether any pattern in scope matches with its character inside the text, but only
// for the patterns whose character the text holds, with the scope worked out once per stack. When
// none matches (and no backslash is involved) the library would return the text itself, so this
// does; anything else goes to the library's handler unchanged.
import type { InlineCode, Text } from "mdast";
import {
  defaultHandlers,
  type Handle,
  type Handlers,
  type Options,
  type State,
  type Unsafe,
} from "mdast-util-to-markdown";

interface Pattern {
  character: string;
  /** A copy of the library's expression (its own is shared and stateful). */
  expression: RegExp;
  /** The expression's first group is the context before the character. */
  before: boolean;
  /** Bound to a neighbouring node: treated as matching whenever the text holds the character. */
  nodeBound: boolean;
}

interface Screen {
  /** Any character of a pattern in scope. */
  characters: RegExp;
  patterns: Pattern[];
}

/** The patterns the screens were built from (the same objects every render), and a screen per stack. */
let built: readonly Unsafe[] = [];
const screens = new Map<string, Screen | undefined>();

const asList = (value: Unsafe["inConstruct"]) => (typeof value === "string" ? [value] : (value ?? []));
const escapeCharacter = (c: string) => c.replace(/[$()*+.?[\\\]^{|}\-/]/g, "\\$&");

/** Whether a pattern applies inside `stack`, as the library's `patternInScope` decides. */
function inScope(stack: readonly string[], pattern: Unsafe): boolean {
  const inside = asList(pattern.inConstruct);
  const outside = asList(pattern.notInConstruct);
  return (
    (inside.length === 0 || inside.some((c) => stack.includes(c))) && !outside.some((c) => stack.includes(c))
  );
}

/** The state whose patterns were last compared with `built` (a state's patterns do not change). */
let checked: State | undefined;

/** Undefined when a pattern is one this screen does not model (unicode mode, no character). */
function screenFor(state: State): Screen | undefined {
  const unsafe = state.unsafe;
  if (state !== checked) {
    if (unsafe.length !== built.length || unsafe.some((p, i) => p !== built[i])) {
      built = [...unsafe];
      screens.clear();
    }
    checked = state;
  }
  const key = state.stack.join(">");
  if (screens.has(key)) return screens.get(key);
  let screen: Screen | undefined;
  const scoped = unsafe.filter((p) => inScope(state.stack, p));
  if (scoped.every((p) => p.character && !p.unicode)) {
    const patterns = scoped.map((p) => {
      const compiled = state.compilePattern(p);
      return {
        character: p.character,
        expression: new RegExp(compiled.source, compiled.flags),
        before: Boolean(p.before || p.atBreak),
        nodeBound: Boolean(p.beforeNode || p.afterNode),
      };
    });
    const characters = [...new Set(patterns.map((p) => p.character))].map(escapeCharacter).join("");
    screen = { characters: new RegExp(characters ? `[${characters}]` : "(?!)"), patterns };
  }
  screens.set(key, screen);
  return screen;
}

/** Whether a pattern matches with its character inside `value` (between `before` and `after`). */
function mayNeedEscape(screen: Screen, value: string, before: string, after: string): boolean {
  if (!screen.characters.test(value)) return false;
  const whole = before + value + after;
  const end = before.length + value.length;
  for (const p of screen.patterns) {
    if (!value.includes(p.character)) continue;
    if (p.nodeBound) return true;
    p.expression.lastIndex = 0;
    for (let m = p.expression.exec(whole); m; m = p.expression.exec(whole)) {
      const at = m.index + (p.before ? (m[1]?.length ?? 0) : 0);
      if (at >= before.length && at < end) return true;
    }
  }
  return false;
}

export const plainText: Handle = (node: Text, parent, state, info) => {
  const value = node.value;
  // The library escapes a backslash before punctuation, even punctuation in the text that follows.
  if (!value.includes("\\") && !info.after.includes("\\")) {
    const screen = screenFor(state);
    if (screen && !mayNeedEscape(screen, value, info.before, info.after)) return value;
  }
  return defaultHandlers.text(node, parent, state, info);
};

/**
 * `inlineCode`: GFM's table extension wraps the handler (to escape pipes in cells) without its `peek`,
 * so each code span was serialised twice, once only to learn its first character, which is always a
 * grave accent (a code span opens with its fence).
 */
function peekableInlineCode(extension: Options): Handle {
  const found = (extension.extensions ?? []).find((e) => e.handlers?.inlineCode)?.handlers?.inlineCode;
  const handle = found ?? defaultHandlers.inlineCode;
  return Object.assign(
    (node: InlineCode, parent: Parameters<Handle>[1], state: State, info: Parameters<Handle>[3]) =>
      handle(node, parent, state, info),
    { peek: () => "`" },
  );
}

/** The handlers to put over `extension`'s (GFM's). */
export function fastHandlers(extension: Options): Partial<Handlers> {
  return { text: plainText, inlineCode: peekableInlineCode(extension) };
}
