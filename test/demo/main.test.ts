import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runDemo } from "../../src/demo/main.ts";

const parent = mkdtempSync(path.join(tmpdir(), "demo-test-"));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe("npm run demo", () => {
  it("runs three scenarios green (one paused, ticked, resumed) and rolls one back, on the embedded database", async () => {
    let out = "";
    const env = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    const result = await runDemo({ write: (t) => (out += t), parent }).finally(() => {
      if (env !== undefined) process.env.DATABASE_URL = env;
    });
    expect(result.runs.map((r) => [r.label, r.exitCode])).toEqual([
      ["shared service", 0],
      ["cli command", 0],
      ["rls policies", 0],
      ["rls policies, resumed", 0],
      ["made to fail", 1],
    ]);
    const git = (...args: string[]) =>
      execFileSync("git", args, { cwd: result.repo, encoding: "utf8" }).trim();
    const branches = git("branch", "--list", "scenario/*", "--format=%(refname:short)").split("\n");
    expect(branches).toHaveLength(4);
    const failed = result.runs.find((r) => r.label === "made to fail")?.runId ?? "";
    expect(git("rev-parse", `scenario/migrate-script-to-pipeline/${failed}`)).toBe(
      git("rev-parse", "demo/location-dependent"),
    );
    const rls = result.runs.find((r) => r.label === "rls policies")?.runId ?? "";
    expect(
      git("show", `scenario/add-rls-policies/${rls}:docs/continuous-improvement/execution-log.md`),
    ).toContain(`| ${rls} | add-rls-policies |`);
    expect(git("status", "--porcelain")).toBe("");
    expect(out).toContain(`Run ${rls} succeeded: add-rls-policies (target users)`);
    expect(out).toContain("rolled_back: migrate-script-to-pipeline (target scripts/root/where-am-i.sh)");
  }, 240_000);
});
