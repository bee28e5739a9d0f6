// A temporary folder of files per test, removed after it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempFiles(files: Record<string, string>): { dir: string; read: (file: string) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), "helper-"));
  made.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return { dir, read: (file) => readFileSync(path.join(dir, file), "utf8") };
}
