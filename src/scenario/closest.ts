// "Did you mean ...?": the known ids nearest to a mistyped one.

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

const wordsOf = (id: string) => id.split(/[-_\s]+/).filter(Boolean);

/** Up to `n` ids close to `id`: small edit distance, one containing the other, or all its words. */
export function closestIds(id: string, ids: Iterable<string>, n = 3): string[] {
  const limit = Math.max(2, Math.floor(id.length / 3));
  const words = wordsOf(id);
  return [...new Set(ids)]
    .map((candidate) => {
      const contains = candidate.includes(id) || id.includes(candidate);
      const theirs = new Set(wordsOf(candidate));
      const allWords = words.length > 1 && words.every((w) => theirs.has(w));
      return { candidate, score: contains ? 0.5 : allWords ? 1.5 : levenshtein(id, candidate) };
    })
    .filter(({ score }) => score <= limit)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, n)
    .map(({ candidate }) => candidate);
}
