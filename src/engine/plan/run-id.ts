// Run ids: short, url-safe, safe in a branch name, and sortable by day (`20261124-k3f9qa`).
import { randomInt } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const RUN_ID = /^\d{8}-[0-9a-z]{6}$/;

export function newRunId(now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "");
  let suffix = "";
  for (let i = 0; i < 6; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `${day}-${suffix}`;
}

export function isRunId(text: string): boolean {
  return RUN_ID.test(text);
}

/** `{timestamp}`: UTC `YYYYMMDDHHMMSS` at the start of the run. */
export function runTimestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}
