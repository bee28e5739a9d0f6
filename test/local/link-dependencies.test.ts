import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GitWorkspace } from "../../src/local/git-workspace.ts";
import { gitIn, makeRepo } from "../support/engine-harness.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A committed pnpm-like workspace whose checkout then installs packages and keeps a .env, untracked. */
function installedRepo(): string {
  const r = makeRepo({
    // `node_modules/` with a slash matches folders only, not links: the links must be ignored another way.
    ".gitignore": "node_modules/\n.env\n",
    "package.json": '{ "name": "root" }\n',
    "packages/shared/package.json": '{ "name": "@dhg/shared" }\n',
    "packages/shared/services/index.ts": "export * from './a';\n",
    "apps/web/package.json": '{ "name": "web" }\n',
  });
  cleanups.push(r.cleanup);
  const put = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(r.dir, file)), { recursive: true });
    writeFileSync(path.join(r.dir, file), text);
  };
  put("node_modules/typescript/package.json", '{ "name": "typescript", "version": "5.9.0" }\n');
  put(
    "packages/shared/node_modules/left-pad/index.js",
    "module.exports = (s, n) => String(s).padStart(n, '0');\n",
  );
  put("apps/web/node_modules/.bin/tool", "#!/bin/sh\necho tool\n");
  put(".env", "SECRET=1\n");
  return r.dir;
}

describe("a run's worktree with dependencies: link", () => {
  it("links every node_modules folder of the checkout, never commits them, keeps them through a reset", async () => {
    const dir = installedRepo();
    const ws = await GitWorkspace.open({ repo: dir, runId: "r1" });
    await ws.startBranch("scenario/x/r1", "main");
    for (const rel of ["node_modules", "packages/shared/node_modules", "apps/web/node_modules"]) {
      expect(lstatSync(path.join(ws.root, rel)).isSymbolicLink()).toBe(true);
    }
    // A step in the worktree resolves the checkout's packages.
    const padded = execFileSync(process.execPath, ["-e", "process.stdout.write(require('left-pad')(7, 3))"], {
      cwd: path.join(ws.root, "packages/shared"),
      encoding: "utf8",
    });
    expect(padded).toBe("007");
    expect(existsSync(path.join(ws.root, ".env"))).toBe(false);

    writeFileSync(path.join(ws.root, "packages/shared/services/b.ts"), "export const b = 1;\n");
    const sha = await ws.commitChanges("add b", { "Scenario-Run": "r1", "Scenario-Step": "1" });
    expect(gitIn(ws.root, "show", "--name-only", "--format=", sha as string)).toBe(
      "packages/shared/services/b.ts",
    );
    expect(gitIn(ws.root, "status", "--porcelain")).toBe("");
    expect(gitIn(dir, "status", "--porcelain")).toBe("");

    await ws.resetTo(gitIn(dir, "rev-parse", "main"));
    expect(lstatSync(path.join(ws.root, "node_modules")).isSymbolicLink()).toBe(true);

    await ws.dispose();
    expect(existsSync(ws.root)).toBe(false);
    expect(readFileSync(path.join(dir, "node_modules/typescript/package.json"), "utf8")).toContain("5.9.0");
    expect(existsSync(path.join(dir, "packages/shared/node_modules/left-pad/index.js"))).toBe(true);

    // Resumed after the worktree went: checked out again, linked again.
    const again = await GitWorkspace.open({ repo: dir, runId: "r1" });
    await again.checkout("scenario/x/r1");
    expect(lstatSync(path.join(again.root, "apps/web/node_modules")).isSymbolicLink()).toBe(true);
    await again.dispose();
  });

  it("links nothing with dependencies: none", async () => {
    const dir = installedRepo();
    const ws = await GitWorkspace.open({ repo: dir, runId: "r2", dependencies: "none" });
    await ws.startBranch("scenario/x/r2", "main");
    expect(existsSync(path.join(ws.root, "node_modules"))).toBe(false);
    expect(existsSync(path.join(ws.root, "packages/shared/node_modules"))).toBe(false);
    await ws.dispose();
  });
});
