// The loopback GitHub fake in a thread of its own, seeded with the bench's repository (Codertocat/
// Hello-World, issue 1, the comment of the webhook example). GitHub is another machine: the time it
// takes to answer is the App's wait, but its CPU must not be billed to the App's thread, as it is when
// the fake shares the App's event loop.
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { addRepo, startGitHubFake } from "../../test/support/github-fake/index.ts";

export interface FakeThread {
  url: string;
  close(): Promise<void>;
}

export async function startFakeThread(): Promise<FakeThread> {
  const worker = new Worker(new URL(import.meta.url));
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
  const fake = await startGitHubFake({ record: false });
  const repo = addRepo(fake.state, {
    owner: "Codertocat",
    name: "Hello-World",
    defaultBranch: "master",
    files: { "README.md": "# Hello" },
    roles: { Codertocat: "write" },
  });
  const now = new Date().toISOString();
  const user = { login: "Codertocat", id: 21031067, type: "User" as const };
  repo.issues.set(1, {
    number: 1,
    title: "Spelling",
    body: null,
    state: "open",
    labels: [],
    user,
    createdAt: now,
    updatedAt: now,
  });
  repo.comments.set(492700400, {
    id: 492700400,
    issueNumber: 1,
    body: "",
    user,
    createdAt: now,
    updatedAt: now,
  });
  parentPort?.postMessage({ url: fake.url });
}

if (!isMainThread) await serve();
