import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runShell } from "../../../src/engine/run/shell.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function home(bashrc: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "shell-home-"));
  dirs.push(dir);
  writeFileSync(path.join(dir, ".bashrc"), bashrc);
  return dir;
}

describe("runShell", () => {
  it("reads no rc file, even where bash thinks sshd started it (SSH_CLIENT set, SHLVL unset)", async () => {
    const dir = home("echo RC-READ; exit 9\n");
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: dir,
      SSH_CLIENT: "203.0.113.7 52144 22",
    };
    const result = await runShell({ script: "echo hi", cwd: dir, env, timeoutMs: 10_000 });
    // Today's `bash -euo pipefail -c` reads /etc/bash.bashrc under `set -u` ("PS1: unbound variable").
    expect(result.output).toBe("hi\n");
    expect(result.exitCode).toBe(0);
  });

  it("keeps -e, -u and pipefail", async () => {
    const dir = home("");
    const env = { PATH: process.env.PATH, HOME: dir };
    const unset = await runShell({ script: 'echo "$NOPE"; echo after', cwd: dir, env, timeoutMs: 10_000 });
    expect(unset.exitCode).not.toBe(0);
    expect(unset.output).toContain("NOPE: unbound variable");
    expect(unset.output).not.toContain("after");
    const pipe = await runShell({ script: "false | true; echo after", cwd: dir, env, timeoutMs: 10_000 });
    expect(pipe.exitCode).toBe(1);
    expect(pipe.output).toBe("");
  });

  it("gives the block no standard input", async () => {
    const dir = home("");
    const env = { PATH: process.env.PATH, HOME: dir };
    const result = await runShell({ script: "cat; echo done", cwd: dir, env, timeoutMs: 5_000 });
    expect(result).toMatchObject({ exitCode: 0, output: "done\n", timedOut: false });
  });
});
