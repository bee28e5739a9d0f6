// Which handler a command input selects. An empty command on an issue_comment event is zero-server
// mode: the comment itself says what to do.

import { createOctokit } from "../../github/octokit.ts";
import { GitHubRepository } from "../../github/repository.ts";
import { ActionInputError } from "../errors.ts";
import { fullTextInLog } from "../full-text-log.ts";
import type { ActionCommand, ActionInputs } from "../inputs.ts";
import { repoLinks } from "../render/links.ts";
import { readActionRepo } from "../repository.ts";
import type { RunnerContext } from "../runner-context.ts";
import type { RunnerIo } from "../runner-io.ts";
import { type OpenedStore, openActionStore } from "../store.ts";
import { auditCommand } from "./audit.ts";
import { checkCommand } from "./check.ts";
import { commentCommand } from "./comment.ts";
import type { ActionContext, ActionResult } from "./context.ts";
import { runCommand } from "./run.ts";
import { controlCommand } from "./run-control.ts";

export type CommandHandler = (ctx: ActionContext) => Promise<ActionResult>;

const HANDLERS: Record<ActionCommand, CommandHandler> = {
  run: runCommand,
  resume: controlCommand("resume"),
  rollback: controlCommand("rollback"),
  cancel: controlCommand("cancel"),
  audit: auditCommand,
  check: checkCommand,
};

export function commandFor(ctx: ActionContext): CommandHandler {
  if (ctx.inputs.command) return HANDLERS[ctx.inputs.command];
  if (ctx.runner.eventName === "issue_comment") return commentCommand;
  throw new ActionInputError(
    "command",
    "empty; set it to run, resume, rollback, cancel, audit or check (it may be empty only on issue_comment events).",
  );
}

export interface ExecuteOptions {
  inputs: ActionInputs;
  runner: RunnerContext;
  io: RunnerIo;
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  retries?: number;
  now?: () => Date;
  signal?: AbortSignal;
  liveJobWaitMs?: number;
}

/** Builds the command's context (GitHub client, links, clock) and runs the command the inputs select. */
export async function execute(options: ExecuteOptions): Promise<ActionResult> {
  const { inputs, runner, io } = options;
  const octokit = createOctokit({
    token: inputs.token,
    baseUrl: runner.apiUrl,
    log: (m) => io.info(m),
    ...(options.retries === undefined ? {} : { retries: options.retries }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let repo: ReturnType<ActionContext["repo"]> | undefined;
  let store: Promise<OpenedStore> | undefined;
  const ctx: ActionContext = {
    inputs,
    runner,
    octokit,
    github: new GitHubRepository(octokit, runner.owner, runner.repo, {
      bodies: fullTextInLog(io, runner.runUrl),
    }),
    io,
    env: options.env,
    links: repoLinks(runner.serverUrl, runner.owner, runner.repo),
    now: options.now ?? (() => new Date()),
    repo: () => {
      repo ??= readActionRepo(runner, octokit, io);
      return repo;
    },
    store: () => {
      store ??= openActionStore(inputs.databaseUrl ? { databaseUrl: inputs.databaseUrl } : {});
      return store;
    },
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.liveJobWaitMs === undefined ? {} : { liveJobWaitMs: options.liveJobWaitMs }),
  };
  try {
    return await commandFor(ctx)(ctx);
  } finally {
    if (store) await (await store.catch(() => undefined))?.close();
  }
}
