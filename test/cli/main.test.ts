import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";

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
