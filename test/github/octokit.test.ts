// Retries as GitHub advises: a 5xx on a read or an update is retried, a POST that may have been done
// is not, and a secondary rate limit waits and retries. Against a loopback server that misbehaves on cue.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOctokit } from "../../src/github/octokit.ts";

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
