// App-local date helpers; a candidate for refactor-to-shared-service (other apps format dates too).
const DAY_MS = 24 * 60 * 60 * 1000;

export function formatUpdatedAt(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "unknown";
  const days = Math.floor((now.getTime() - date.getTime()) / DAY_MS);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  return String(days) + " days ago";
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
