import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
    cwd: process.cwd(),
    env: {},
    isTTY: false,
  };
  return { io, out, err };
}

describe("scenario CLI", () => {
  it("prints help and exits 0", async () => {
    const { io, out } = capture();
    expect(await main(["--help"], io)).toBe(0);
    expect(out.join("")).toContain("Usage: scenario");
  });

  it("refuses an unknown command with a non-zero exit", async () => {
    const { io, err } = capture();
    expect(await main(["no-such-command"], io)).not.toBe(0);
    expect(err.join("")).toMatch(/error/);
  });
});

describe("exitWith", () => {
  it("ends the process with the code once a slow reader has every byte written before it", async () => {
    // 4 MiB on each stream, far more than a pipe holds; the reader takes nothing for 300 ms.
    const program = [
      `import { exitWith } from ${JSON.stringify(path.join(ROOT, "src/cli/main.ts"))};`,
      'process.stdout.write("o".repeat(4 << 20));',
      'process.stderr.write("e".repeat(4 << 20));',
      "await exitWith(3);",
    ].join("\n");
    const child = spawn(path.join(ROOT, "node_modules/.bin/node"), ["--input-type=module", "-e", program]);
    child.stdout.pause();
    child.stderr.pause();
    let out = 0;
    let err = 0;
    child.stdout.on("data", (d: Buffer) => {
      out += d.length;
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.length;
    });
    setTimeout(() => {
      child.stdout.resume();
      child.stderr.resume();
    }, 300);
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect({ code, out, err }).toEqual({ code: 3, out: 4 << 20, err: 4 << 20 });
  }, 30_000);
});
