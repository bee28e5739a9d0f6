// `/scenario suggest <free text>`: rank scenarios by how well their id, title, description and
// parameters match the words of the text. Weighted word overlap with prefix matching is enough for
// a catalog of tens of documents and explains itself (no embeddings, no network).
import type { ScenarioDefinition } from "../scenario/types.ts";

export type Suggestible = Pick<ScenarioDefinition, "id" | "title" | "description" | "objectType"> & {
  parameters: Pick<ScenarioDefinition["parameters"][number], "name" | "description">[];
  template?: boolean;
};

export interface Suggestion {
  id: string;
  title: string;
  score: number;
  /** Query words that matched, for the reply. */
  matched: string[];
}

const STOP = new Set(
  "a an and the to of for in on at by with from into is are be it its this that i we you my our add new create make".split(
    " ",
  ),
);
// Kept although short or common: they carry meaning in this domain.
const KEEP = new Set(["ui", "db", "rls", "cli", "api", "add", "create"]);

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && (!STOP.has(w) || KEEP.has(w)));
}

// Prefix match both ways so "policy" finds "policies" and "migr" finds "migration".
function stem(word: string): string {
  return word.length > 5 ? word.slice(0, 5) : word;
}

const FIELD_WEIGHTS = { id: 4, title: 3, objectType: 2, params: 1.5, description: 1 } as const;

export function suggest(query: string, scenarios: readonly Suggestible[], limit = 5): Suggestion[] {
  const q = [...new Set(words(query))];
  if (q.length === 0) return [];
  const results: Suggestion[] = [];
  for (const s of scenarios) {
    if (s.template) continue;
    const fields: Record<keyof typeof FIELD_WEIGHTS, Set<string>> = {
      id: new Set(words(s.id.replace(/-/g, " ")).map(stem)),
      title: new Set(words(s.title).map(stem)),
      objectType: new Set([stem(s.objectType)]),
      params: new Set(
        s.parameters.flatMap((p) => words(`${p.name.replace(/_/g, " ")} ${p.description}`)).map(stem),
      ),
      description: new Set(words(s.description).map(stem)),
    };
    let score = 0;
    const matched: string[] = [];
    for (const w of q) {
      let best = 0;
      for (const [field, weight] of Object.entries(FIELD_WEIGHTS) as [keyof typeof FIELD_WEIGHTS, number][]) {
        if (fields[field].has(stem(w))) best = Math.max(best, weight);
      }
      if (best > 0) matched.push(w);
      score += best;
    }
    // Coverage counts twice: a scenario matching more of the words beats one matching fewer more strongly.
    if (score > 0)
      results.push({
        id: s.id,
        title: s.title,
        score: (score / q.length) * (matched.length / q.length),
        matched,
      });
  }
  return results.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
}
