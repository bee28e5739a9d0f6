// The folder whose entries a parameter names, read from where the document writes it: `{domain}` in
// `{layout_pipelines}/{domain}/...` names a folder of `{layout_pipelines}`. The App lists what is there
// beside a value a person must still write (a pipeline, a component group), so they pick one that
// exists, or see which names are taken.
import type { Block, ScenarioDefinition } from "./types.ts";

/** A path segment: a name or a layout placeholder (no other placeholder). */
const SEGMENT = String.raw`(?:[A-Za-z0-9_.-]+|\{layout_[a-z_]+\})`;
/** The first one is never `.` or `..`: a folder relative to a file (`./{name}`) is no folder of the repository. */
const FIRST = String.raw`(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*|\{layout_[a-z_]+\})`;

function blocksOf(scenario: ScenarioDefinition): Block[] {
  return [
    ...scenario.preConditions.flatMap((c) => (c.check ? [c.check] : [])),
    ...scenario.steps.flatMap((s) => s.blocks),
    ...scenario.postValidation.flatMap((c) => (c.check ? [c.check] : [])),
    ...scenario.rollback.flatMap((r) => r.blocks),
  ];
}

/**
 * The folder template (`{layout_pipelines}`, `packages/ui`) the document most often writes the
 * parameter under, as a whole path segment and unfiltered; undefined where it never does.
 */
export function parameterFolder(scenario: ScenarioDefinition, name: string): string | undefined {
  // `name` is a parameter name (snake_case, checked by the schema): no pattern characters in it.
  const under = new RegExp(`(?<![\\w.{}/-])(${FIRST}(?:/${SEGMENT})*)/\\{${name}\\}(?=[/"'\\s;)]|$)`, "g");
  const counts = new Map<string, number>();
  for (const block of blocksOf(scenario)) {
    for (const text of [block.path ?? "", block.kind === "shell" ? block.content : ""]) {
      for (const m of text.matchAll(under)) {
        const folder = m[1] as string;
        counts.set(folder, (counts.get(folder) ?? 0) + 1);
      }
    }
  }
  let best: string | undefined;
  for (const [folder, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = folder;
  return best;
}
