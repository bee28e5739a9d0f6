// A trigger's `params`: `k=v` pairs suggesting a run's parameters from what matched. A value may take
// `$1`..`$9` (the content expression's capture groups), `$file` (the path of the first file that
// matched), `$folder` (the name of the folder holding it) and `$name` (its name without extension).
// The document check refuses names the scenario does not declare and references it cannot fill.
import { closest } from "./closest.ts";

/** The shape the document check accepts. */
export const TRIGGER_PARAMS_SHAPE = /^[a-z][a-z0-9_]*=[^,]*(,[a-z][a-z0-9_]*=[^,]*)*$/;

const REFERENCE = /\$(\d|[A-Za-z_]+)/g;
const FILE_REFERENCES = ["file", "folder", "name"];

/** What a trigger matched, for its params. */
export interface TriggerHit {
  /** The content expression's capture groups (none without content). */
  groups: readonly string[];
  /** The first file that matched. */
  file: string;
}

/** The `k=v` pairs, in order (values as written). */
export function triggerParamPairs(template: string | undefined): [name: string, value: string][] {
  if (!template) return [];
  return template
    .split(/[,\s]+/)
    .filter(Boolean)
    .flatMap((pair): [string, string][] => {
      const eq = pair.indexOf("=");
      return eq > 0 ? [[pair.slice(0, eq), pair.slice(eq + 1)]] : [];
    });
}

/** `table=$1,script=$file` filled from what matched. */
export function fillTriggerParams(template: string | undefined, hit: TriggerHit): Record<string, string> {
  const slash = hit.file.lastIndexOf("/");
  const base = hit.file.slice(slash + 1);
  const dot = base.lastIndexOf(".");
  const fromFile: Record<string, string> = {
    file: hit.file,
    folder: hit.file.slice(0, Math.max(slash, 0)).split("/").at(-1) ?? "",
    name: dot > 0 ? base.slice(0, dot) : base,
  };
  const params: Record<string, string> = {};
  for (const [name, value] of triggerParamPairs(template)) {
    params[name] = value.replace(REFERENCE, (_, ref: string) =>
      /^\d$/.test(ref) ? (hit.groups[Number(ref) - 1] ?? "") : (fromFile[ref] ?? ""),
    );
  }
  return params;
}

/** Why `template` cannot suggest a run of a scenario declaring `parameters`, or undefined. */
export function triggerParamsProblem(template: string, parameters: readonly string[]): string | undefined {
  for (const [name, value] of triggerParamPairs(template)) {
    if (!parameters.includes(name)) {
      const near = closest(name, parameters);
      return `trigger params name \`${name}\`, which is not a parameter of this scenario${near ? `: did you mean \`${near}\`?` : ` (${parameters.join(", ") || "it has none"})`}`;
    }
    for (const [, ref] of value.matchAll(REFERENCE))
      if (!/^\d$/.test(ref as string) && !FILE_REFERENCES.includes(ref as string))
        return `trigger params use \`$${ref}\`: a value may take $1..$9, $file, $folder and $name`;
  }
  return undefined;
}
