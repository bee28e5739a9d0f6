// A loopback proxy in front of the GitHub fake that misbehaves on cue: the next request matching a
// rule gets a 5xx, a secondary rate limit (403 with retry-after), or no answer at all; every other
// request goes through unchanged. What the client saw is recorded, per request, in order, and how long
// each unanswered request was held before the client gave up on it.
import { once } from "node:events";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Fault {
  method: string;
  path: RegExp;
  /** A status to answer with instead of forwarding, or "hang" to never answer. */
  reply: number | "hang";
  headers?: Record<string, string>;
  body?: unknown;
  /** How many matching requests get the fault (default 1). */
  times?: number;
}

/** A request given no answer: `heldMs` is set when the client closes it (its deadline, or its end). */
export interface Hang {
  request: string;
  heldMs?: number;
}

export interface FlakyGitHub {
  url: string;
  faults: Fault[];
  /** `METHOD path -> status` per request the client made ("hang" for unanswered ones). */
  seen: string[];
  hangs: Hang[];
  close(): Promise<void>;
}

export async function startFlakyGitHub(upstream: string): Promise<FlakyGitHub> {
  const target = new URL(upstream);
  const faults: Fault[] = [];
  const seen: string[] = [];
  const hangs: Hang[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    const fault = faults.find((f) => f.method === req.method && f.path.test(path) && (f.times ?? 1) > 0);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      seen.push(`${req.method} ${path} -> ${fault.reply}`);
      req.resume();
      if (fault.reply === "hang") {
        const hang: Hang = { request: `${req.method} ${path}` };
        const since = performance.now();
        hangs.push(hang);
        res.on("close", () => {
          hang.heldMs = performance.now() - since;
        });
        return;
      }
      res.writeHead(fault.reply, { "content-type": "application/json", ...fault.headers });
      res.end(JSON.stringify(fault.body ?? { message: "Server Error" }));
      return;
    }
    const forward = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        seen.push(`${req.method} ${path} -> ${answer.statusCode}`);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // The fake closing under a request still being forwarded (the file's last test ended with the App
    // still talking) is a reset connection for the client, not an uncaught error in the test process.
    forward.on("error", () => {
      seen.push(`${req.method} ${path} -> reset`);
      res.destroy();
    });
    req.pipe(forward);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    faults,
    seen,
    hangs,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
