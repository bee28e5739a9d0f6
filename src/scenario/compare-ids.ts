// Scenario ids in a stable order. Ids are kebab-case (lowercase letters, digits, `-`): for those,
// comparing UTF-16 code units orders them exactly as localeCompare does (`-` < digits < letters in
// both), without the ICU collator localeCompare builds on its first call (~14 ms of a run's start).
// Anything else is compared by localeCompare, as before.
const PLAIN = /^[a-z0-9-]*$/;

export function compareIds(a: string, b: string): number {
  if (PLAIN.test(a) && PLAIN.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}
