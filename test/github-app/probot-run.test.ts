// The App as deployed: `probot run ./src/github-app/index.ts` (package.json `main`) in a child process,
// GitHub Enterprise settings pointing it at the loopback GitHub fake, the store on PostgreSQL, and a
// signed `issue_comment` delivery posted to its webhook endpoint.
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWebhookExampleRepo, type GitHubFake, startGitHubFake } from "../support/github-fake/index.ts";
import { createServerDatabase, dropServerDatabase } from "../support/test-db.ts";
import { installationCommentCreated } from "../support/webhook-payloads.ts";

const root = join(import.meta.dirname, "../..");
const SECRET = "webhook-secret";
const DB = `scenario_test_github_run_${process.pid}`;
let fake: GitHubFake;
let child: ChildProcess;
let port = 0;
let output = "";

beforeAll(async () => {
  fake = await startGitHubFake();
  addWebhookExampleRepo(fake.state, {
    roles: { Codertocat: "maintain" },
    workflows: {
      "scenario.yml": {
        inputs: { command: {}, scenario: {}, params: {}, "run-id": {}, "issue-number": {} },
      },
    },
  });
  const databaseUrl = await createServerDatabase(DB);
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  port = 20000 + (process.pid % 20000);
  child = spawn(join(root, "node_modules/.bin/probot"), ["run", "./src/github-app/index.ts"], {
    cwd: root,
    env: {
      PATH: `${join(root, "node_modules/.bin")}:${process.env.PATH}`,
      HOME: process.env.HOME,
      APP_ID: "1",
      PRIVATE_KEY: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      GHE_HOST: fake.url.replace("http://", ""),
      GHE_PROTOCOL: "http",
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const listening = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes("Listening on")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`probot exited ${code}: ${output}`)));
  });
  await listening;
}, 60_000);

afterAll(async () => {
  child?.kill("SIGTERM");
  await new Promise((r) => child?.once("exit", r));
  await fake?.close();
  await dropServerDatabase(DB);
});

describe("probot run ./src/github-app/index.ts", () => {
  it("answers a signed comment delivery: eyes, plan reply, dispatch, rocket", async () => {
    const payload = installationCommentCreated("/scenario add-rls-policies table=documents");
    const body = JSON.stringify(payload);
    const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "x-github-event": "issue_comment",
        "x-github-delivery": "probot-run-1",
        "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
      },
    });
    expect(response.status).toBe(200);
    await fake.waitFor(
      (r) =>
        r.method === "POST" &&
        r.path.endsWith("/reactions") &&
        (r.body as { content?: string }).content === "rocket",
      15_000,
    );
    const dispatch = fake.requests.find((r) => r.path.endsWith("/dispatches"));
    if (!dispatch) throw new Error("the App sent no dispatch");
    expect(dispatch.status).toBe(204);
    expect((dispatch.body as { inputs: Record<string, string> }).inputs).toMatchObject({
      scenario: "add-rls-policies",
      command: "run",
      "issue-number": "1",
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toContain(
      "POST /app/installations/1/access_tokens",
    );
  });

  it("refuses a delivery with a bad signature", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
      method: "POST",
      body: "{}",
      headers: {
        "content-type": "application/json",
        "x-github-event": "issue_comment",
        "x-github-delivery": "x",
        "x-hub-signature-256": "sha256=00",
      },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});
