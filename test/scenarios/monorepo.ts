// A fresh git repository holding a copy of examples/monorepo, on `main`, one commit: what the
// scenarios run against in the tests (and in the demo).
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gitIn } from "../support/engine-harness.ts";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const MONOREPO = path.join(REPO_ROOT, "examples", "monorepo");
export const CLI_PATH = path.join(REPO_ROOT, "bin", "scenario.js");

export interface MonorepoCopy {
  dir: string;
  baseSha: string;
  cleanup: () => void;
}

export function copyMonorepo(): MonorepoCopy {
  const dir = mkdtempSync(path.join(tmpdir(), "scenario-monorepo-"));
  cpSync(MONOREPO, dir, { recursive: true });
  gitIn(dir, "init", "-q", "-b", "main");
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-q", "-m", "acme monorepo");
  return {
    dir,
    baseSha: gitIn(dir, "rev-parse", "HEAD"),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A TCP port nobody listens on right now (for the proxy scenario's health check). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
