// The App as deployed (`probot run ./src/github-app/index.ts` in a child process) against the loopback
// GitHub fake and a PostgreSQL database of its own, with a helper that posts signed deliveries: for
// hostile tests that measure what one delivery does to the others, and the trial through GitHub
// (bench/trial/github.ts), whose jobs share the App's database as an installation's workflow does.
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { join } from "node:path";
import type { GitHubFake } from "./github-fake/index.ts";
import { createServerDatabase, dropServerDatabase } from "./test-db.ts";

const root = join(import.meta.dirname, "../..");
const SECRET = "webhook-secret";

export interface AppProcess {
  /** Posts a signed delivery; resolves with the HTTP status once the App has handled it. */
  deliver(event: string, id: string, payload: unknown): Promise<number>;
  /** The App's database (DATABASE_URL), for the jobs that share it. */
  databaseUrl: string;
  /** Where GitHub posts deliveries (for one deliver() would sign). */
  webhookUrl: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startAppProcess(fake: GitHubFake, name: string): Promise<AppProcess> {
  const database = `scenario_test_${name}_${process.pid}`;
  const databaseUrl = await createServerDatabase(database);
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const port = 20000 + ((process.pid + name.length * 97) % 20000);
  let output = "";
  const child: ChildProcess = spawn(
    join(root, "node_modules/.bin/probot"),
    ["run", "./src/github-app/index.ts"],
    {
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
    },
  );
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes("Listening on")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`probot exited ${code}: ${output}`)));
  });
  const webhookUrl = `http://127.0.0.1:${port}/api/github/webhooks`;
  return {
    webhookUrl,
    async deliver(event, id, payload) {
      const body = JSON.stringify(payload);
      const response = await fetch(webhookUrl, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "x-github-event": event,
          "x-github-delivery": id,
          "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
        },
      });
      await response.arrayBuffer();
      return response.status;
    },
    databaseUrl,
    output: () => output,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      await dropServerDatabase(database);
    },
  };
}
