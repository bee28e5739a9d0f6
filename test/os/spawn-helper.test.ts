// Commands started through the spawn helper behave as execFile here would (output, input, exit
// status), run in the helper rather than in this process, fall back to this process when the helper
// is gone, and the helper does not outlive the process that started it (also when that one is killed).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statfsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { runFile, spawnHelperFolder, startSpawnHelper, stopSpawnHelper } from "../../src/os/spawn-helper.ts";

const NODE = path.resolve("node_modules/.bin/node");
const request = (script: string, input?: string) => ({
  file: "sh",
  args: ["-c", script],
  cwd: process.cwd(),
  env: process.env,
  maxBuffer: 1024 * 1024,
  ...(input === undefined ? {} : { input }),
});
const parentOf = async () => Number((await runFile(request("echo $PPID"))).stdout.trim());
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(() => stopSpawnHelper());

describe("spawn helper", () => {
  it("runs commands here until it is started, then in the helper, with the same results", async () => {
    expect(await parentOf()).toBe(process.pid);
    const here = await runFile(request("cat; echo err >&2; exit 3", "in\n"));
    startSpawnHelper();
    const helperPid = await parentOf();
    expect(helperPid).not.toBe(process.pid);
    const there = await runFile(request("cat; echo err >&2; exit 3", "in\n"));
    expect(there.stdout).toBe("in\n");
    expect(there.stderr).toBe("err\n");
    expect(there.error?.code).toBe(3);
    expect({ ...there, error: there.error?.code }).toEqual({ ...here, error: here.error?.code });
    expect((await runFile(request("echo ok"))).error).toBeUndefined();
  });

  it("gives a command its arguments, folder and environment byte for byte, as execFile does", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "spawn-helper-"));
    try {
      const folder = path.join(dir, 'it\'s a "folder" $(touch canary)');
      mkdirSync(folder);
      const hostile = 'it\'s "quoted" $HOME `touch canary` $(touch canary)\nsecond line\\';
      const env: NodeJS.ProcessEnv = { ...process.env, HOSTILE: hostile, HOME: "/elsewhere" };
      delete env.LANG;
      const show = {
        file: "sh",
        args: ["-c", 'printf "%s|" "$@"; pwd; env | sort', "sh", hostile, "", "two words"],
        cwd: folder,
        env,
        maxBuffer: 1024 * 1024,
      };
      stopSpawnHelper();
      const here = await runFile(show);
      startSpawnHelper();
      expect(await parentOf()).not.toBe(process.pid);
      const there = await runFile(show);
      expect(there).toEqual(here);
      expect(there.stdout).toContain(`HOSTILE=${hostile.split("\n")[0]}`);
      expect(there.stdout).toContain("HOME=/elsewhere\n");
      expect(there.stdout).not.toContain("LANG=");
      expect(there.stdout).toContain(`${hostile}||two words|${folder}\n`);
      expect(existsSync(path.join(folder, "canary"))).toBe(false);
      expect(existsSync(path.join(dir, "canary"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps its output files in memory (/dev/shm) when that has room, else in the temporary folder", async () => {
    stopSpawnHelper();
    const { XDG_RUNTIME_DIR, ...rest } = process.env;
    process.env = rest;
    try {
      startSpawnHelper();
    } finally {
      if (XDG_RUNTIME_DIR !== undefined) process.env.XDG_RUNTIME_DIR = XDG_RUNTIME_DIR;
    }
    const folder = spawnHelperFolder() ?? "";
    const shm = (() => {
      try {
        const fs = statfsSync("/dev/shm");
        return fs.type === 0x01021994 && fs.bavail * fs.bsize >= 512 * 1024 * 1024;
      } catch {
        return false;
      }
    })();
    expect(path.dirname(folder)).toBe(shm ? "/dev/shm" : tmpdir());
    expect((await runFile(request("echo kept; echo err >&2"))).stdout).toBe("kept\n");
    stopSpawnHelper();
    const deadline = Date.now() + 5000;
    while (existsSync(folder) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(folder)).toBe(false);
  });

  it("runs `before` commands first, in one round trip, and says which one failed, here and in the helper", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "spawn-helper-"));
    try {
      const chain = (first: string, second: string) => ({
        ...request(`echo main; echo main-err >&2; cat`, "input\n"),
        cwd: dir,
        before: [
          { file: "sh", args: ["-c", `echo one; ${first}`] },
          { file: "sh", args: ["-c", `echo two >&2; ${second}`] },
        ],
      });
      for (const where of ["here", "helper"]) {
        if (where === "here") stopSpawnHelper();
        else startSpawnHelper();
        expect((await parentOf()) === process.pid).toBe(where === "here");
        const ok = await runFile(chain("cat", "true"));
        // `before` commands never read the request's input; the command itself does.
        expect(ok).toEqual({ stdout: "one\nmain\ninput\n", stderr: "two\nmain-err\n" });
        const second = await runFile(chain("true", "touch ran; exit 4"));
        expect(second.failedBefore).toBe(1);
        expect(second.error?.code).toBe(4);
        expect(second.error?.message).toContain("Command failed: sh -c echo two >&2; touch ran; exit 4");
        expect(second.stdout).toBe("one\n");
        const first = await runFile(chain("exit 3", "touch never"));
        expect(first).toMatchObject({ failedBefore: 0, error: { code: 3 }, stdout: "one\n" });
        expect(existsSync(path.join(dir, "never"))).toBe(false);
        expect(existsSync(path.join(dir, "ran"))).toBe(true);
        rmSync(path.join(dir, "ran"));
        const last = await runFile({ ...chain("true", "true"), args: ["-c", "exit 5"] });
        expect(last.failedBefore).toBeUndefined();
        expect(last.error?.code).toBe(5);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs a command here while the helper is busy with another", async () => {
    startSpawnHelper();
    const helperPid = await parentOf();
    const slow = runFile(request("sleep 0.5; echo $PPID"));
    expect(await parentOf()).toBe(process.pid);
    expect(Number((await slow).stdout.trim())).toBe(helperPid);
  });

  it("falls back to this process when the helper is gone", async () => {
    startSpawnHelper();
    const helperPid = await parentOf();
    process.kill(helperPid, "SIGKILL");
    // Gone once this process has reaped it (and so seen its exit), however long a loaded machine takes.
    await vi.waitFor(() => expect(alive(helperPid)).toBe(false), { timeout: 10_000 });
    expect(await parentOf()).toBe(process.pid);
    expect((await runFile(request("echo still"))).stdout).toBe("still\n");
  });

  it("ends when the process that started it is killed", async () => {
    const module = new URL("../../src/os/spawn-helper.ts", import.meta.url).href;
    const script = `
      import { runFile, startSpawnHelper } from ${JSON.stringify(module)};
      startSpawnHelper();
      const r = await runFile({ file: "sh", args: ["-c", "echo $PPID"], cwd: "/", env: process.env, maxBuffer: 1024 });
      process.stdout.write(r.stdout);
      setInterval(() => {}, 1000);
    `;
    const child = spawn(NODE, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const helperPid = await new Promise<number>((resolve) => {
      child.stdout.once("data", (d) => resolve(Number(String(d).trim())));
    });
    expect(helperPid).not.toBe(child.pid);
    expect(alive(helperPid)).toBe(true);
    child.kill("SIGKILL");
    const deadline = Date.now() + 10_000;
    while (alive(helperPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(alive(helperPid)).toBe(false);
  }, 30_000);
});
