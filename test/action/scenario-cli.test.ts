// The Action gives steps SCENARIO_CLI: a wrapper that runs scenario-bot's CLI with the Action's Node,
// whatever the runner's PATH holds and wherever RUNNER_TEMP is.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { scenarioCli } from "../../src/action/scenario-cli.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it("runs the CLI's helpers from a RUNNER_TEMP whose path needs quoting, without node on PATH", async () => {
  const temp = mkdtempSync(join(tmpdir(), "runner temp 'q' $x-"));
  dirs.push(temp);
  const cli = await scenarioCli({ RUNNER_TEMP: temp });
  expect(cli.startsWith(temp)).toBe(true);
  writeFileSync(join(temp, "good.ts"), "export const a: number = 1;\n");
  writeFileSync(join(temp, "bad.ts"), "export const = ;\n");
  const env = { PATH: "/usr/bin:/bin" };
  const good = spawnSync(cli, ["check-syntax", "good.ts"], { cwd: temp, env, encoding: "utf8" });
  expect([good.status, good.stdout]).toEqual([0, "check-syntax: 1 file parse\n"]);
  const bad = spawnSync(cli, ["check-syntax", "bad.ts"], { cwd: temp, env, encoding: "utf8" });
  expect(bad.status).toBe(1);
  expect(bad.stdout).toMatch(/^bad\.ts:1:\d+ /);
});
