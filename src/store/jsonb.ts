// A value as PostgreSQL's jsonb gives it back: through JSON (undefined members dropped, dates as
// strings), with object keys in jsonb's order (shorter keys first, then by their UTF-8 bytes). The
// in-memory store uses it so that a run's parameters come back in the same order as from the database.
export function asJsonb<T>(value: T): T {
  const text = JSON.stringify(value);
  return (text === undefined ? null : sortKeys(JSON.parse(text))) as T;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).sort(([a], [b]) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length - y.length || Buffer.compare(x, y);
  });
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
