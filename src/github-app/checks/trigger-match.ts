// Which scenarios a pull request calls for, from their declared `Triggers`: a file glob over the
// changed paths, a regular expression over the lines the PR adds to those files, an `unless` that
// cancels it, and parameter templates filled from the match's capture groups. Globs and expressions
// come from documents and run over names and lines the PR's author chose: both are matched in linear time.
import { commandFor } from "../../application/dialogue/replies/plan.ts";
import {
  type LinearRegex,
  linearGlob,
  linearRegex,
  type ScenarioDefinition,
  TRIGGER_REGEX,
  type Trigger,
} from "../../scenario/index.ts";

export interface ChangedFile {
  filename: string;
  status: string;
  /** Unified diff GitHub gives for the file (absent for binary or very large files). */
  patch?: string;
}

export interface TriggerMatch {
  scenarioId: string;
  title: string;
  /** Files that matched. */
  files: string[];
  params: Record<string, string>;
  /** The exact command to comment. */
  command: string;
}

// Regular expressions come from documents and run over PR text: bound the text they see.
const MAX_ADDED_CHARS = 512 * 1024;

export function addedLines(patch: string | undefined): string {
  if (!patch) return "";
  const lines = patch.split("\n").filter((l) => l.startsWith("+") && !l.startsWith("+++"));
  return lines
    .map((l) => l.slice(1))
    .join("\n")
    .slice(0, MAX_ADDED_CHARS);
}

function regex(source: string): LinearRegex | undefined {
  try {
    return linearRegex(source, TRIGGER_REGEX);
  } catch {
    return undefined;
  }
}

/** The trigger's glob as a matcher; a glob the document check refused matches nothing. */
function glob(source: string): (path: string) => boolean {
  try {
    return linearGlob(source);
  } catch {
    return () => false;
  }
}

function matchTrigger(
  trigger: Trigger,
  files: readonly ChangedFile[],
): { files: string[]; groups: string[] } | undefined {
  const candidates = files.filter(
    (f) => f.status !== "removed" && (trigger.files === undefined || glob(trigger.files)(f.filename)),
  );
  if (candidates.length === 0) return undefined;
  if (trigger.content === undefined) return { files: candidates.map((f) => f.filename), groups: [] };
  const content = regex(trigger.content);
  const unless = trigger.unless === undefined ? undefined : regex(trigger.unless);
  if (!content) return undefined;
  const hits: string[] = [];
  let groups: string[] = [];
  for (const f of candidates) {
    const added = addedLines(f.patch);
    const found = content.firstGroups(added);
    if (!found || unless?.test(added)) continue;
    if (hits.length === 0) groups = found;
    hits.push(f.filename);
  }
  return hits.length ? { files: hits, groups } : undefined;
}

/** `table=$1,mode=owner` with the capture groups filled in. */
export function fillParams(template: string | undefined, groups: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  if (!template) return params;
  for (const pair of template.split(/[,\s]+/).filter(Boolean)) {
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    params[pair.slice(0, eq)] = pair
      .slice(eq + 1)
      .replace(/\$(\d)/g, (_, n: string) => groups[Number(n) - 1] ?? "");
  }
  return params;
}

export function matchTriggers(
  scenarios: readonly ScenarioDefinition[],
  files: readonly ChangedFile[],
): TriggerMatch[] {
  const matches: TriggerMatch[] = [];
  for (const s of scenarios) {
    for (const trigger of s.triggers) {
      const hit = matchTrigger(trigger, files);
      if (!hit) continue;
      const params = fillParams(trigger.params, hit.groups);
      matches.push({
        scenarioId: s.id,
        title: s.title,
        files: hit.files,
        params,
        command: commandFor(s.id, params),
      });
      break;
    }
  }
  return matches;
}
