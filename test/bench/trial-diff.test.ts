// The trial's checks of a run's branch: `@acme` in added lines (unless it is the repository's own
// scope, as in examples/monorepo) and new top-level folders.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { diffRun } from "../../bench/trial/diff.ts";
import { gitIn, makeRepo } from "../support/engine-harness.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function branchWith(files: Record<string, string>, base: Record<string, string>) {
  const repo = makeRepo(base);
  cleanups.push(repo.cleanup);
  const baseSha = gitIn(repo.dir, "rev-parse", "HEAD");
  gitIn(repo.dir, "checkout", "-q", "-b", "scenario/x/1");
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo.dir, file)), { recursive: true });
    writeFileSync(path.join(repo.dir, file), text);
  }
  gitIn(repo.dir, "add", "-A");
  gitIn(repo.dir, "commit", "-q", "-m", "run");
  return diffRun(repo.dir, baseSha, "scenario/x/1");
}

describe("diffRun", () => {
  it("names @acme in added lines and the top-level folders a run created", () => {
    const diff = branchWith(
      { "packages/b/package.json": '{ "name": "@acme/b" }\n', "proxies/p/index.ts": "x\n" },
      { "packages/a/package.json": '{ "name": "@dhg/a" }\n' },
    );
    expect(diff).toMatchObject({
      files: 2,
      insertions: 2,
      acme: ['packages/b/package.json: { "name": "@acme/b" }'],
      newTopLevel: ["proxies"],
    });
  });

  it("leaves @acme alone where it is the repository's own scope", () => {
    const diff = branchWith(
      { "packages/b/package.json": '{ "name": "@acme/b" }\n' },
      { "packages/a/package.json": '{ "name": "@acme/a" }\n' },
    );
    expect(diff).toMatchObject({ files: 1, acme: [], newTopLevel: [] });
  });

  it("has nothing to say about a branch that is gone", () => {
    const repo = makeRepo();
    cleanups.push(repo.cleanup);
    expect(diffRun(repo.dir, gitIn(repo.dir, "rev-parse", "HEAD"), "scenario/x/2")).toBeUndefined();
  });
});
