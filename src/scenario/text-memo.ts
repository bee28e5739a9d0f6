// What is worked out from a document's text (a script's template, a text's placeholders, a script as a
// plan shows it) is the same in every plan of that document: worked out once per text. Bounded, the
// oldest dropped first, because the App plans for many repositories' documents over its life.
const MAX_TEXTS = 500;

export function memoByText<T>(compute: (text: string) => T): (text: string) => T {
  const kept = new Map<string, T>();
  return (text) => {
    let value = kept.get(text);
    if (value === undefined) {
      value = compute(text);
      if (kept.size >= MAX_TEXTS) kept.delete(kept.keys().next().value as string);
      kept.set(text, value);
    }
    return value;
  };
}
