// "Did you mean ...?": the known names nearest to a mistyped one, for scenario ids, subcommands and
// parameter names alike. Edit distance comes from fastest-levenshtein (a well-kept, dependency-free
// implementation) instead of a hand-written matrix.
import { distance } from "fastest-levenshtein";

const wordsOf = (id: string) => id.split(/[-_\s]+/).filter(Boolean);

/** Names longer than this are never "a typo of" anything (and keep the work bounded for hostile input). */
const MAX_NAME = 100;

/** Up to `n` names close to `name`: small edit distance, one containing the other, or all its words. */
export function closestIds(name: string, known: Iterable<string>, n = 3): string[] {
  if (name.length > MAX_NAME) return [];
  const limit = Math.max(2, Math.floor(name.length / 3));
  const words = wordsOf(name);
  return [...new Set(known)]
    .filter((candidate) => candidate.length <= MAX_NAME)
    .map((candidate) => {
      const contains = candidate.includes(name) || name.includes(candidate);
      const theirs = new Set(wordsOf(candidate));
      const allWords = words.length > 1 && words.every((w) => theirs.has(w));
      return { candidate, score: contains ? 0.5 : allWords ? 1.5 : distance(name, candidate) };
    })
    .filter(({ score }) => score <= limit)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, n)
    .map(({ candidate }) => candidate);
}

/** The one nearest name, when it is near enough to be a typo. */
export function closest(name: string, known: readonly string[]): string | undefined {
  return closestIds(name, known, 1)[0];
}
