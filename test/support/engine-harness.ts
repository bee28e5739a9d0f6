// What the engine and local-adapter tests run on: a real PostgreSQL database per test file (the real
// SqlRunStore with the real migrations), a real git repository per test, and the CLI's own adapters.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Db } from "../../src/store/db.ts";
import { MemoryRunStore } from "../../src/store/memory-run-store.ts";
import { migrate } from "../../src/store/migrations.ts";
import { openPostgres } from "../../src/store/postgres-db.ts";
import { createServerDatabase, dropServerDatabase, serverUrl } from "./test-db.ts";

export { type LocalPorts, localPorts } from "./engine-ports.ts";

/** A fresh in-memory store for each test. */
export function useMemoryStore(): { readonly store: MemoryRunStore } {
  let store = new MemoryRunStore();
  beforeEach(() => {
    store = new MemoryRunStore();
  });
  return {
    get store() {
      return store;
    },
  };
}

/** One migrated database for the test file, emptied before each test. */
export function useEngineDb(file: string): { readonly db: Db; readonly url: string } {
  const name = `scenario_test_engine_${file}_${process.pid}`;
  const url = serverUrl(name);
  const state: { db?: Db } = {};
  beforeAll(async () => {
    await createServerDatabase(name);
    state.db = await openPostgres(url);
    await migrate(state.db);
  });
  beforeEach(async () => {
    await state.db?.exec(
      "TRUNCATE scenario_runs, scenario_step_runs, scenario_manual_tasks, scenario_locks RESTART IDENTITY CASCADE",
    );
  });
  afterAll(async () => {
    await state.db?.close();
    await dropServerDatabase(name);
  });
  return {
    get db() {
      if (!state.db) throw new Error("database not open yet");
      return state.db;
    },
    url,
  };
}

export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    },
  }).trim();
}

/** A fresh repository on `main` with a couple of files and one commit. Removed by the returned cleanup. */
export function makeRepo(files: Record<string, string> = { "README.md": "# demo\n", "db/.keep": "" }): {
  dir: string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(path.join(tmpdir(), "engine-repo-"));
  gitIn(dir, "init", "-q", "-b", "main");
  commitFiles(dir, files, "initial");
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `files` in the repository at `dir` and commits everything; the new commit's sha. */
export function commitFiles(dir: string, files: Record<string, string>, message: string): string {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-q", "-m", message);
  return gitIn(dir, "rev-parse", "HEAD").trim();
}
