// Which scenarios a pull request calls for, from their declared `Triggers`: a file glob over the
// changed paths, a regular expression over the lines the PR adds to those files, an `unless` that
// cancels it, and parameter templates filled from what matched (src/scenario/trigger-params.ts). A value
// the scenario would refuse is not suggested: the parameters still to write are listed, so the command
// shown is never one the App turns down as it stands. Globs and expressions come from documents and run
// over names and lines the PR's author chose: both are matched in linear time.
import { commandFor } from "../../application/dialogue/replies/plan.ts";
import {
  checkParameterValue,
  fillTriggerParams,
  type LinearRegex,
  linearGlob,
  linearRegex,
  type ParameterDefinition,
  type ScenarioDefinition,
  TRIGGER_REGEX,
  type Trigger,
  type TriggerHit,
} from "../../scenario/index.ts";

export interface ChangedFile {
  filename: string;
  status: string;
  /** Unified diff GitHub gives for the file (absent for binary or very large files). */
  patch?: string;
}

/** A value a suggestion leaves to the person, with what it is. */
export interface MissingValue extends Pick<ParameterDefinition, "name" | "description" | "example"> {
  /** The folder whose entries it names, and what is in it now (checks/missing-folders.ts). */
  folder?: { path: string; names: string[] };
}

export interface TriggerMatch {
  scenarioId: string;
  title: string;
  /** Files that matched. */
  files: string[];
  /** Values the trigger filled that the scenario accepts. */
  params: Record<string, string>;
  /** Required parameters without a default that the trigger could not fill: the person writes them. */
  missing: MissingValue[];
  /** The command to comment: `name=<name>` stands for each missing value. */
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
): (TriggerHit & { files: string[] }) | undefined {
  const candidates = files.filter(
    (f) => f.status !== "removed" && (trigger.files === undefined || glob(trigger.files)(f.filename)),
  );
  if (candidates.length === 0) return undefined;
  const first = candidates[0]?.filename ?? "";
  if (trigger.content === undefined)
    return { files: candidates.map((f) => f.filename), groups: [], file: first };
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
  return hits.length ? { files: hits, groups, file: hits[0] as string } : undefined;
}

/** The filled values the scenario accepts, and the required ones still to write. */
function suggestedParams(
  scenario: ScenarioDefinition,
  filled: Record<string, string>,
): Pick<TriggerMatch, "params" | "missing"> {
  const params: Record<string, string> = {};
  const missing: TriggerMatch["missing"] = [];
  for (const p of scenario.parameters) {
    const value = Object.hasOwn(filled, p.name) ? filled[p.name] : undefined;
    if (value !== undefined && value !== "" && checkParameterValue(p, value).ok) params[p.name] = value;
    else if (p.required && p.default === undefined)
      missing.push({ name: p.name, description: p.description, example: p.example });
  }
  return { params, missing };
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
      const { params, missing } = suggestedParams(s, fillTriggerParams(trigger.params, hit));
      matches.push({
        scenarioId: s.id,
        title: s.title,
        files: hit.files,
        params,
        missing,
        command: [commandFor(s.id, params), ...missing.map((p) => `${p.name}=<${p.name}>`)].join(" "),
      });
      break;
    }
  }
  return matches;
}
