// Beside a value a suggestion leaves to the person, what it may name: where the scenario writes the
// parameter as a folder (`{layout_pipelines}/{domain}`, src/scenario/parameter-folder.ts), the folders
// there now on the default branch that the parameter would take (dhg-mono's `.archived_pipelines` is
// no pipeline): one listing per folder named.
import {
  checkParameterValue,
  isInsideWorkspace,
  type Layout,
  layoutValues,
  parameterFolder,
  renderText,
  type ScenarioDefinition,
} from "../../scenario/index.ts";
import type { TriggerMatch } from "./trigger-match.ts";

export async function listMissingFolders(
  matches: readonly TriggerMatch[],
  scenarios: readonly ScenarioDefinition[],
  layout: Readonly<Layout>,
  /** The folders directly in a repository path, [] where it has none. */
  folders: (path: string) => Promise<string[]>,
): Promise<void> {
  const values = layoutValues(layout);
  const listed = new Map<string, Promise<string[]>>();
  for (const match of matches) {
    const scenario = scenarios.find((s) => s.id === match.scenarioId);
    if (!scenario) continue;
    for (const value of match.missing) {
      const template = parameterFolder(scenario, value.name);
      const path = template && renderText(template, values);
      if (!path || !isInsideWorkspace(path)) continue;
      if (!listed.has(path)) listed.set(path, folders(path));
      const parameter = scenario.parameters.find((p) => p.name === value.name);
      const found = ((await listed.get(path)) ?? []).filter(
        (name) => parameter && checkParameterValue(parameter, name).ok,
      );
      if (found.length) value.folder = { path, names: found };
    }
  }
}
