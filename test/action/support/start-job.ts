// One action job in process, the way a runner starts it: the runner's environment for a
// `workflow_dispatch` with these inputs, against the loopback GitHub fake and a checkout of origin.
import { run } from "../../../src/action/main.ts";
import { actionEnv, dispatchPayload } from "../../support/action-env.ts";
import type { FakeRepo, GitHubFake } from "../../support/github-fake/index.ts";
import { type RecordingIo, recordingIo } from "../../support/recording-io.ts";

export interface JobOptions {
  fake: GitHubFake;
  repo: FakeRepo;
  /** The runner's checkout. */
  workspace: string;
  /** Empty: the embedded store of the workspace. */
  databaseUrl?: string;
  /** GITHUB_RUN_ID: the workflow run this job belongs to. */
  runId?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** How long a resume or rollback waits for a job still driving its run. */
  liveJobWaitMs?: number;
  /** Who dispatched the workflow (default: the App's bot). */
  sender?: { login: string; type: "User" | "Bot" };
}

export function startJob(options: JobOptions, inputs: Record<string, string>) {
  const io: RecordingIo = recordingIo({
    "github-token": "ghs_runner",
    params: "{}",
    ...inputs,
    "database-url": options.databaseUrl ?? "",
  });
  const { env } = actionEnv({
    apiUrl: options.fake.url,
    repository: `${options.repo.owner}/${options.repo.name}`,
    workspace: options.workspace,
    eventName: "workflow_dispatch",
    payload: dispatchPayload(inputs, options.sender),
    ...(options.runId ? { runId: options.runId } : {}),
  });
  return {
    io,
    done: run({
      io,
      env: { ...env, PATH: process.env.PATH },
      retries: 0,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.liveJobWaitMs === undefined ? {} : { liveJobWaitMs: options.liveJobWaitMs }),
    }),
  };
}
