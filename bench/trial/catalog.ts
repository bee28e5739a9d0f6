// What the trial runs: the catalog's scenarios as the CLI lists them (templates left out), each with
// the values a new user would try: every parameter's `Example:`, replaced by the overrides file's.
import { readFileSync } from "node:fs";
import { loadCatalog } from "../../src/scenario/index.ts";
import { exampleValues } from "../../src/scenario/parameter-values.ts";

export type Overrides = Record<string, Record<string, string>>;

export interface TrialScenario {
  id: string;
  params: Record<string, string>;
}

/**
 * Every runnable id, a broken document's too (its run is then refused, saying why), sorted; read
 * in process, as `scenario list` reads it: only the runs need to be the CLI's.
 */
export async function readCatalog(scenarios: string): Promise<TrialScenario[]> {
  const catalog = await loadCatalog(".", { root: scenarios });
  const templates = new Set(catalog.templates.map((t) => t.id));
  return catalog
    .ids()
    .filter((id) => !templates.has(id))
    .sort()
    .map((id) => ({ id, params: exampleValues(catalog.get(id)?.parameters ?? []) }));
}

/**
 * The catalog with the overrides' values in place of the examples. A parameter the document does not
 * have is passed on (the CLI's refusal says what is wrong with it); a scenario the catalog does not
 * have is named in a warning.
 */
export function withOverrides(
  scenarios: TrialScenario[],
  overrides: Overrides,
): { scenarios: TrialScenario[]; warnings: string[] } {
  const ids = new Set(scenarios.map((s) => s.id));
  return {
    scenarios: scenarios.map((s) => ({ id: s.id, params: { ...s.params, ...overrides[s.id] } })),
    warnings: Object.keys(overrides)
      .filter((id) => !ids.has(id))
      .map((id) => `warning: the overrides name "${id}", which is not in the catalog`),
  };
}

/** `{"<scenario>": {"<parameter>": value}}`; numbers and booleans are written as the CLI reads them. */
export function readOverrides(file: string | undefined): Overrides {
  if (file === undefined) return {};
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!isRecord(parsed)) throw new Error(`${file}: expected {"<scenario id>": {"<parameter>": "<value>"}}`);
  const overrides: Overrides = {};
  for (const [id, values] of Object.entries(parsed)) {
    if (!isRecord(values)) throw new Error(`${file}: "${id}" must map parameter names to values`);
    overrides[id] = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
  }
  return overrides;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
