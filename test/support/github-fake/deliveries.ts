// What GitHub does when something happens in a repository, beyond answering the request that caused
// it: it delivers the event to the App installed there and starts every workflow that listens to it.
// A test connects the App (its webhook: probot.receive) and a runner (what starts a workflow's job);
// the fake decides who hears what, by GitHub's rules, each from its page:
// - An App installed on the repository gets the events it subscribes to, whoever caused them (its own
//   comments too: telling them apart is the App's job).
//   https://docs.github.com/webhooks/webhook-events-and-payloads#issue_comment
// - A workflow starts for an event its `on:` names: a string, a list, or a map whose entry may narrow
//   the activity `types:`.
//   https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#on
// - `issue_comment` starts only the workflow files on the default branch, on its latest commit.
//   https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#issue_comment
// - `workflow_dispatch` starts the one workflow named, from its file at the ref given.
//   https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event
// - An event caused by a workflow's GITHUB_TOKEN starts no workflow run (workflow_dispatch and
//   repository_dispatch excepted): identity.ts, `startsWorkflows`.
//   https://docs.github.com/actions/how-tos/write-workflows/choose-when-workflows-run/trigger-a-workflow#triggering-a-workflow-from-a-workflow
// Only `issue_comment` is delivered to the App for now; other events are recorded (`repo.events`).
import { parse } from "yaml";
import { type Identity, startsWorkflows } from "./identity.ts";
import * as shape from "./shapes.ts";
import type { FakeComment, FakeEvent, FakeRepo, FakeState, FakeUser, FakeWorkflowRun } from "./state.ts";

/** An event as the App's webhook receives it (`X-GitHub-Event`, `X-GitHub-Delivery`, the payload). */
export interface WebhookDelivery {
  id: string;
  name: string;
  payload: Record<string, unknown>;
}

/** A workflow run GitHub started, handed to the runner with the event that started it. */
export interface WorkflowStart {
  repo: FakeRepo;
  run: FakeWorkflowRun;
  /** The event's payload, as the job reads it from GITHUB_EVENT_PATH. */
  payload: Record<string, unknown>;
}

export interface Connections {
  /** The installed App's webhook; unset: no App is installed. */
  app?: (delivery: WebhookDelivery) => Promise<void>;
  /** Runs a started workflow's job; resolves with its conclusion. Unset: the runs stay queued. */
  runner?: (start: WorkflowStart) => Promise<"success" | "failure" | "cancelled">;
}

/** What the fake is doing on its own (deliveries, jobs), so a test can wait until it is all done. */
export interface Deliveries {
  connections: Connections;
  pending: Set<Promise<unknown>>;
  count: number;
}

/** Who caused an event: a token's identity, or a person on the web page. */
export type Cause = { identity: Identity } | { person: FakeUser };

const causer = (cause: Cause): FakeUser => ("identity" in cause ? cause.identity.user : cause.person);

function track(state: FakeState, work: Promise<unknown>): void {
  const pending = state.deliveries.pending;
  const done = work.catch(() => {}).finally(() => pending.delete(done));
  pending.add(done);
}

/** Resolves once every delivery and every job started so far, and all they caused, has finished. */
export async function settled(state: FakeState): Promise<void> {
  while (state.deliveries.pending.size > 0) await Promise.all([...state.deliveries.pending]);
}

/** The files of the default branch's latest commit under `.github/workflows/` (name -> text). */
function workflowFiles(repo: FakeRepo, ref = repo.defaultBranch): Map<string, string> {
  const sha = repo.branches.get(ref.replace(/^refs\/heads\//, "")) ?? ref;
  const out = new Map<string, string>();
  for (const [path, text] of repo.commits.get(sha) ?? []) {
    const m = /^\.github\/workflows\/([^/]+\.ya?ml)$/.exec(path);
    if (m?.[1]) out.set(m[1], text);
  }
  return out;
}

/** Whether a workflow's `on:` listens to `event` with activity type `action`. */
export function listensTo(on: unknown, event: string, action?: string): boolean {
  if (typeof on === "string") return on === event;
  if (Array.isArray(on)) return on.includes(event);
  if (!on || typeof on !== "object" || !(event in on)) return false;
  const types = ((on as Record<string, unknown>)[event] as { types?: unknown } | null)?.types;
  if (types === undefined || action === undefined) return true;
  return (Array.isArray(types) ? types : [types]).includes(action);
}

/** The workflow files on the default branch that `event` (with `action`) starts. */
export function listeningWorkflows(repo: FakeRepo, event: string, action?: string): string[] {
  const names: string[] = [];
  for (const [name, text] of workflowFiles(repo)) {
    let doc: { on?: unknown } | undefined;
    try {
      doc = parse(text) as { on?: unknown };
    } catch {
      continue; // GitHub runs no workflow whose file does not parse (it reports it instead).
    }
    if (listensTo(doc?.on, event, action)) names.push(name);
  }
  return names;
}

/** Queues a workflow run and hands it to the runner, if one is connected. */
export function startWorkflow(
  state: FakeState,
  repo: FakeRepo,
  workflow: string,
  event: string,
  payload: Record<string, unknown>,
  ref = repo.defaultBranch,
): FakeWorkflowRun {
  const branch = ref.replace(/^refs\/heads\//, "");
  const run: FakeWorkflowRun = {
    id: state.nextId++,
    workflow,
    event,
    headBranch: branch,
    headSha: repo.branches.get(branch) ?? "",
    status: "queued",
    conclusion: null,
    createdAt: new Date().toISOString(),
  };
  repo.workflowRuns.set(run.id, run);
  const runner = state.deliveries.connections.runner;
  if (runner) {
    run.status = "in_progress";
    track(
      state,
      runner({ repo, run, payload }).then(
        (conclusion) => {
          run.status = "completed";
          run.conclusion = conclusion;
        },
        () => {
          run.status = "completed";
          run.conclusion = "failure";
        },
      ),
    );
  }
  return run;
}

/**
 * An `issue_comment` event: recorded, delivered to the App, and starting the workflows that listen
 * (none when GITHUB_TOKEN caused it).
 */
export function commentEvent(
  state: FakeState,
  base: string,
  repo: FakeRepo,
  action: "created" | "edited",
  comment: FakeComment,
  cause: Cause,
  changes?: { body: { from: string } },
): FakeEvent {
  const by = causer(cause);
  const starts = "identity" in cause ? startsWorkflows(cause.identity, "issue_comment") : true;
  const issue = repo.issues.get(comment.issueNumber);
  const payload: Record<string, unknown> = {
    action,
    ...(changes ? { changes } : {}),
    issue: issue ? shape.issue(base, repo, issue) : undefined,
    comment: shape.comment(base, repo, comment),
    repository: shape.repository(base, repo),
    sender: shape.user(base, by),
  };
  const workflows = starts ? listeningWorkflows(repo, "issue_comment", action) : [];
  const event: FakeEvent = {
    name: "issue_comment",
    action,
    number: comment.issueNumber,
    by: by.login,
    startsWorkflows: starts,
    workflows,
  };
  repo.events.push(event);
  const app = state.deliveries.connections.app;
  if (app) {
    const id = `fake-delivery-${++state.deliveries.count}`;
    track(state, app({ id, name: "issue_comment", payload }));
  }
  for (const workflow of workflows) startWorkflow(state, repo, workflow, "issue_comment", payload);
  return event;
}

/** A person writes a comment on the issue's web page: saved, then delivered as GitHub delivers it. */
export function personComments(
  state: FakeState,
  base: string,
  repo: FakeRepo,
  input: { issue: number; user: FakeUser; body: string },
): FakeComment {
  const at = new Date().toISOString();
  const comment: FakeComment = {
    id: state.nextId++,
    issueNumber: input.issue,
    body: input.body,
    user: input.user,
    createdAt: at,
    updatedAt: at,
  };
  repo.comments.set(comment.id, comment);
  commentEvent(state, base, repo, "created", comment, { person: input.user });
  return comment;
}
