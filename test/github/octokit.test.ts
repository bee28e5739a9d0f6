// Retries as GitHub advises: a 5xx on a read or an update is retried, a POST that may have been done
// is not, and a secondary rate limit waits and retries. Against a loopback server that misbehaves on cue.

import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOctokit } from "../../src/github/octokit.ts";

const run = promisify(execFile);
const NODE = join(import.meta.dirname, "../../node_modules/.bin/node");
let server: Server;
let url = "";
let script: { status: number; headers?: Record<string, string>; body: unknown }[] = [];
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const next = script.shift() ?? { status: 200, body: {} };
    res.writeHead(next.status, { "content-type": "application/json", ...next.headers });
    res.end(JSON.stringify(next.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  script = [];
});

const unavailable = { status: 502, body: { message: "Server Error" } };

describe("createOctokit", () => {
  it("writes no stray line for a refusal it throws (the job's log is not the place for an expected 404)", async () => {
    // In a process of its own: @octokit/core binds console.error when it loads, so only the process's
    // own stderr shows what a runner's log would.
    script = [{ status: 404, body: { message: "Not Found" } }];
    const program = [
      `import { createOctokit } from ${JSON.stringify(join(import.meta.dirname, "../../src/github/octokit.ts"))};`,
      `const octokit = createOctokit({ token: "t", baseUrl: ${JSON.stringify(url)}, retries: 0 });`,
      `await octokit.rest.repos.getContent({ owner: "acme", repo: ".github", path: "x.yml" }).catch((e) => console.log(e.status));`,
    ].join("\n");
    const { stdout, stderr } = await run(NODE, ["--input-type=module", "-e", program]);
    expect(stdout.trim()).toBe("404");
    expect(stderr).toBe("");
  });

  it("retries a read after a 502", async () => {
    script = [unavailable, { status: 200, body: { id: 1, name: "mono" } }];
    const octokit = createOctokit({ token: "t", baseUrl: url, retries: 2 });
    const { data } = await octokit.rest.repos.get({ owner: "acme", repo: "mono" });
    expect(data.name).toBe("mono");
    expect(seen).toEqual(["GET /repos/acme/mono", "GET /repos/acme/mono"]);
  });

  it("does not repeat a read GitHub answered 404 or 422 (the answer will not change)", async () => {
    script = [{ status: 404, body: { message: "Not Found" } }];
    const octokit = createOctokit({ token: "t", baseUrl: url, retries: 3 });
    await expect(
      octokit.rest.pulls.get({ owner: "acme", repo: "mono", pull_number: 9 }),
    ).rejects.toMatchObject({
      status: 404,
    });
    expect(seen).toEqual(["GET /repos/acme/mono/pulls/9"]);
  });

  it("does not repeat a comment whose POST failed with a 502 (it may have been posted)", async () => {
    script = [unavailable, { status: 201, body: { id: 2 } }];
    const octokit = createOctokit({ token: "t", baseUrl: url, retries: 2 });
    await expect(
      octokit.rest.issues.createComment({ owner: "acme", repo: "mono", issue_number: 1, body: "x" }),
    ).rejects.toMatchObject({ status: 502 });
    expect(seen).toEqual(["POST /repos/acme/mono/issues/1/comments"]);
  });

  it("sends a workflow run's cancel again after a 502 (cancelling twice cancels once)", async () => {
    script = [unavailable, { status: 202, body: {} }];
    const octokit = createOctokit({ token: "t", baseUrl: url, retries: 2 });
    await octokit.rest.actions.cancelWorkflowRun({ owner: "acme", repo: "mono", run_id: 7 });
    expect(seen).toEqual([
      "POST /repos/acme/mono/actions/runs/7/cancel",
      "POST /repos/acme/mono/actions/runs/7/cancel",
    ]);
  });

  it("waits out a secondary rate limit and sends the POST again (GitHub refused it, nothing was done)", async () => {
    script = [
      {
        status: 403,
        headers: { "retry-after": "1" },
        body: {
          message:
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        },
      },
      { status: 201, body: { id: 3 } },
    ];
    const waits: string[] = [];
    const octokit = createOctokit({ token: "t", baseUrl: url, retries: 2, log: (m) => waits.push(m) });
    const { data } = await octokit.rest.issues.createComment({
      owner: "acme",
      repo: "mono",
      issue_number: 1,
      body: "x",
    });
    expect(data.id).toBe(3);
    expect(seen).toHaveLength(2);
    expect(waits[0]).toMatch(/secondary rate limit on POST .*comments; retrying in 1s/);
  });
});
