import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../../src/cli/main.ts";

const CATALOG = fileURLToPath(new URL("../../scenario/fixtures/catalog/", import.meta.url));

/** A fresh folder holding `scenarios/` = the fixture catalog (so nothing is written next to the sources). */
export function repoCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "scenario-cli-"));
  cpSync(CATALOG, join(dir, "scenarios"), { recursive: true });
  return dir;
}

export async function cli(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd,
    env: {},
    isTTY: false,
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}
