// The name a pull request introduced, which a later run would change: the new folder or file name its
// added files share (`formatter-service`), found in every case it is written in (`FormatterService`,
// `formatterService`, `formatter_service`). A folder or file the pull request only modified existed
// before it, so its name is not new. Upper case (`FORMATTER_SERVICE`) is left as written: no filter
// gives it back.
import { words } from "../../../scenario/index.ts";
import type { Form, NameFinder, Occurrence } from "../names.ts";
import type { LearnedFile } from "./pull-request.ts";

export interface VaryingName {
  /** Its words, lowercase: `["formatter", "service"]`. */
  words: string[];
  /** How the pull request writes it in paths: `formatter-service`. */
  value: string;
  /** The parameter it becomes. */
  parameter: string;
}

// Folder and file names that say where a thing lives, never what it is.
const GENERIC = new Set(
  (
    "packages package apps app src lib libs shared services service components component scripts " +
    "supabase migrations docs doc test tests spec specs index types type utils util helpers helper hooks " +
    "pages page public assets config configs dist build main readme github workflows commands command " +
    "cli api server client web common core modules module functions routes styles fixtures examples " +
    "pipeline pipelines"
  ).split(" "),
);

const SEGMENT = /^[A-Za-z][A-Za-z0-9_-]*$/;

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** Each spelling of the name with its form and the boundaries it must have to be the name itself. */
function spellings(parts: string[]): { text: string; form: Form; re: RegExp }[] {
  const out: { text: string; form: Form }[] = [{ text: parts.map(capital).join(""), form: "pascal" }];
  if (parts.length > 1) {
    out.push(
      { text: parts.join("-"), form: "kebab" },
      { text: parts.join("_"), form: "snake" },
      { text: (parts[0] as string) + parts.slice(1).map(capital).join(""), form: "camel" },
    );
  } else out.push({ text: parts[0] as string, form: "plain" });
  return out.map(({ text, form }) => ({
    text,
    form,
    // A PascalCase spelling may follow lowercase (`getFormatterService`); every spelling may be
    // followed by a capital (`formatterServiceHealth`), never by more of a word.
    re: new RegExp(
      // Words are letters and digits only (`words`), so a spelling needs no escaping.
      `${form === "pascal" ? "(?<![A-Z0-9])" : "(?<![A-Za-z0-9])"}${text}(?![a-z0-9])`,
      "g",
    ),
  }));
}

/** Finds the name's spellings in a text, as the name finder `guessNames` takes. */
export function nameFinder(name: VaryingName): NameFinder {
  const forms = spellings(name.words);
  return (text) => {
    const found: Occurrence[] = [];
    for (const { text: spelling, form, re } of forms) {
      for (const m of text.matchAll(re)) {
        const beside = `${text[m.index - 1] ?? ""}${text[m.index + spelling.length] ?? ""}`;
        const near = beside.includes("_") ? "snake" : beside.includes("-") ? "kebab" : undefined;
        found.push({
          start: m.index,
          end: m.index + spelling.length,
          name: name.parameter,
          form,
          spelling,
          ...(near ? { near } : {}),
        });
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: Occurrence[] = [];
    for (const o of found) if (!kept.some((k) => o.start < k.end && o.end > k.start)) kept.push(o);
    return kept;
  };
}

/** Folder names and file stems of a path (`a/b/formatter-service.test.ts` -> a, b, formatter-service). */
function segments(path: string): string[] {
  const parts = path.split("/");
  const file = (parts.pop() ?? "").split(".")[0] ?? "";
  return [...parts, file].filter((s) => SEGMENT.test(s));
}

const MAX_COUNTED = 1_000;

/**
 * The name the pull request's added files share that no file it only changed has: the one found in
 * the most added paths, then the most often in their text, then the one with more words.
 */
export function findVaryingName(files: readonly LearnedFile[]): VaryingName | undefined {
  const added = files.filter((f) => f.status === "added");
  const existing = new Set(
    files
      .filter((f) => f.status !== "added")
      .flatMap((f) => [f.filename, f.previousFilename ?? ""])
      .flatMap(segments)
      .map((s) => words(s).join(" ")),
  );
  const candidates = new Map<string, { parts: string[]; value: string; paths: number; depth: number }>();
  for (const f of added) {
    const seen = new Set<string>();
    segments(f.filename).forEach((segment, depth) => {
      const parts = words(segment);
      const key = parts.join(" ");
      if (seen.has(key) || parts.join("").length < 3 || /^\d/.test(key)) return;
      if (parts.length === 1 && GENERIC.has(key)) return;
      if (existing.has(key) || parts.every((p) => GENERIC.has(p))) return;
      seen.add(key);
      const c = candidates.get(key) ?? { parts, value: segment, paths: 0, depth };
      c.paths++;
      c.depth = Math.max(c.depth, depth);
      candidates.set(key, c);
    });
  }
  let best: { c: { parts: string[]; value: string; paths: number }; score: number[] } | undefined;
  for (const c of candidates.values()) {
    const find = nameFinder({ words: c.parts, value: c.value, parameter: "name" });
    let uses = 0;
    for (const f of added) {
      if (uses >= MAX_COUNTED) break;
      uses += find(f.content ?? "", true).length;
    }
    const score = [c.paths, Math.min(uses, MAX_COUNTED), c.parts.length, c.depth];
    if (!best || compare(score, best.score) > 0) best = { c, score };
  }
  return best && { words: best.c.parts, value: best.c.value, parameter: "name" };
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}

/** An example value for a later run, in the parameter's case: the name with its first word replaced (`example-service`). */
export function exampleOf(name: VaryingName, base: "kebab" | "snake"): string {
  return ["example", ...name.words.slice(1)].join(base === "snake" ? "_" : "-");
}
