// bin/scenario.js as a separate process, the way a step calls "$SCENARIO_CLI" (node 24 from node_modules).
import { spawn } from "node:child_process";
import path from "node:path";

const NODE = path.resolve("node_modules/.bin/node");
export const BIN = path.resolve("bin/scenario.js");

export interface Spawned {
  code: number | null;
  out: string;
  err: string;
}

export function spawnCli(cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [BIN, ...argv], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}
