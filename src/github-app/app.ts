// The probot app, built from its dependencies: one handler per event, each in its own file.
import type { Context, Probot } from "probot";
import { mention } from "../markdown/index.ts";
import { clearableDeadline } from "../os/deadline.ts";
import type { AppDeps } from "./deps.ts";
import { onCheckRunAction } from "./handlers/check-run-action.ts";
import { onCommentCreated } from "./handlers/comment-created.ts";
import { onCommentEdited } from "./handlers/comment-edited.ts";
import { onPullRequest } from "./handlers/pull-request.ts";
import { RepoEnvironments } from "./repo-environment.ts";
import { repositoryOf } from "./repository-of.ts";

export interface AppOptions {
  /** How long the default branch's head is cached (ms); 0 reads it for every command (tests). */
  headTtlMs?: number;
  /** A GitHub request not answered by then is abandoned (default 30 s). */
  requestTimeoutMs?: number;
}

const REQUEST_TIMEOUT_MS = 30_000;

export function createApp(deps: AppDeps, options: AppOptions = {}): (app: Probot) => void {
  return (app) => {
    const envs = new RepoEnvironments(deps, options);
    const deadline = requestDeadline(options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
    app.on("issue_comment.created", (context) =>
      onCommentCreated(deadline(context), deps, envs).catch((error: unknown) =>
        internalError(context, error),
      ),
    );
    app.on("issue_comment.edited", (context) => onCommentEdited(deadline(context), deps, envs));
    app.on("check_run.requested_action", (context) => onCheckRunAction(deadline(context), deps, envs));
    app.on("push", async (context) => {
      const { ref, after, repository } = context.payload;
      if (ref === `refs/heads/${repository.default_branch}`)
        envs.pushed(repository.full_name, repository.default_branch, after);
    });
    app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], (context) =>
      onPullRequest(deadline(context), deps, envs),
    );
  };
}

/**
 * Gives every request of a context's Octokit a deadline: a GitHub that accepts a connection and never
 * answers must not hold a delivery (and its run's target) forever. Probot may hand the same Octokit to
 * many events, so each instance is hooked once.
 */
function requestDeadline(ms: number): <C extends Context>(context: C) => C {
  const hooked = new WeakSet<object>();
  return (context) => {
    const octokit = context.octokit;
    if (!hooked.has(octokit)) {
      hooked.add(octokit);
      // One wrapper around each request (not before/after/error hooks: three layers per request). The
      // options are changed in place: the layers inside are bound to this object, not to an argument.
      octokit.hook.wrap("request", async (request, options) => {
        const deadline = clearableDeadline(ms, options.request?.signal as AbortSignal | undefined);
        options.request = { ...options.request, signal: deadline.signal };
        try {
          return await request(options);
        } finally {
          deadline.clear();
        }
      });
    }
    return context;
  };
}

// Never silent: the commenter learns that it failed on our side, and the error still reaches probot's log.
async function internalError(context: Context<"issue_comment.created">, error: unknown): Promise<never> {
  const { comment, issue, repository } = context.payload;
  const api = repositoryOf(context, repository.owner.login, repository.name);
  await Promise.allSettled([
    api.issues.react(comment.id, "confused"),
    api.issues.comment(
      issue.number,
      `${mention(comment.user?.login ?? "ghost")} scenario-bot failed while handling this comment (delivery ${context.id}); ` +
        "the error is in the App's log. Nothing was started. Try again in a minute, or tell the App's maintainers if it keeps failing.",
    ),
  ]);
  throw error;
}
