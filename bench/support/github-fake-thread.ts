// The loopback GitHub fake in a thread of its own, seeded with the bench's repository (Codertocat/
// Hello-World, issue 1, the comment of the webhook example). GitHub is another machine: the time it
// takes to answer is the App's wait, but its CPU must not be billed to the App's thread, as it is when
// the fake shares the App's event loop.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { addWebhookExampleRepo, startGitHubFake } from "../../test/support/github-fake/index.ts";

export interface FakeThread {
  url: string;
  close(): Promise<void>;
}

/** `latencyMs`: GitHub's round trip, added to every answer (0: loopback). */
export async function startFakeThread(latencyMs = 0): Promise<FakeThread> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { latencyMs } });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once("message", (m: { url: string }) => resolve(m.url));
    worker.once("error", reject);
  });
  return {
    url,
    close: async () => {
      await worker.terminate();
    },
  };
}

async function serve(): Promise<void> {
  const { latencyMs } = workerData as { latencyMs: number };
  const fake = await startGitHubFake({ record: false, checkRequests: false, latencyMs });
  addWebhookExampleRepo(fake.state, { files: { "README.md": "# Hello" }, roles: { Codertocat: "write" } });
  parentPort?.postMessage({ url: fake.url });
}

if (!isMainThread) await serve();
