// A self-test's `--json` report larger than the bound read of it is cut, so it is no JSON: the outcome
// says that (which scenario, the size, the bound), not stderr's last words or "exited 0". The CLI is a
// real process printing a report of a chosen size; only the bound is made small.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSelfTests } from "../../../src/action/commands/check-self-tests.ts";

const dir = mkdtempSync(join(tmpdir(), "scenario-self-tests-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CLI that prints a JSON report with `pad` bytes of step output, says something on stderr, exits 0. */
function cliPrinting(pad: number): string {
  const path = join(dir, `cli-${pad}`);
  const report = JSON.stringify({ run: { runStatus: "completed", output: "x".repeat(pad) } });
  writeFileSync(join(dir, `report-${pad}.json`), report);
  writeFileSync(
    path,
    `#!/bin/sh\necho "progress: step 1 done" >&2\ncat '${join(dir, `report-${pad}.json`)}'\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

const where = { workspace: dir, scenariosDir: "scenarios", env: { PATH: process.env.PATH } };
const target = { scenarioId: "add-cli-command", file: "scenarios/cli/add-cli-command.md" };

describe("runSelfTests", () => {
  it("reads a report within the bound", async () => {
    const [outcome] = await runSelfTests([target], where, { cli: cliPrinting(100), maxReportBytes: 1024 });
    expect(outcome).toMatchObject({ ...target, report: { run: { runStatus: "completed" } } });
  });

  it("says the report was larger than the bound, naming the scenario", async () => {
    const cli = cliPrinting(2000);
    const [outcome] = await runSelfTests([target], where, { cli, maxReportBytes: 1024 });
    const size = JSON.stringify({ run: { runStatus: "completed", output: "x".repeat(2000) } }).length;
    expect(outcome).toEqual({
      ...target,
      error: `it ran, but its --json report (${size} bytes) is larger than its bound of 1024 bytes, so its result is unknown; run \`scenario test add-cli-command --json\` locally to see what makes it so large (usually a step that prints much output)`,
    });
  });
});
