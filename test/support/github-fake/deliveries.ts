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
// - A press of a check run's button (`check_run` with `requested_action`) goes only to the app that
//   created the check run ("Only the GitHub App someone requests to perform an action will receive the
//   requested_action payload"); the button shows once the check run has completed. A check run made
//   with a workflow's GITHUB_TOKEN is the `github-actions` app's: no other App hears its presses, and
//   Actions starts no workflow for `requested_action` (dropped from the check_run trigger's types for
//   that reason, github/docs#6088).
//   https://docs.github.com/webhooks/webhook-events-and-payloads#check_run
//   https://docs.github.com/rest/guides/using-the-rest-api-to-interact-with-checks#check-runs-and-requested-actions
//   https://github.com/github/docs/pull/6088
// `issue_comment` and `check_run.requested_action` are delivered to the App; other events are recorded
// (`repo.events`).
import { parse } from "yaml";
import { type Identity, SCENARIO_BOT_APP_ID, startsWorkflows } from "./identity.ts";
import * as shape from "./shapes.ts";
import type {
  FakeCheckRun,
  FakeComment,
  FakeEvent,
  FakeRepo,
  FakeState,
  FakeUser,
  FakeWorkflowRun,
} from "./state.ts";

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
  /** Which App that webhook is: it hears the presses of its own check runs' buttons only. Default: scenario-bot. */
  appId?: number;
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
  deliverToApp(state, "issue_comment", payload);
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

/**
 * A person edits a comment on the issue's web page (ticking a checklist's boxes is such an edit): saved,
 * then an `issue_comment` event `edited` with the body it had, delivered as GitHub delivers it.
 */
export function personEditsComment(
  state: FakeState,
  base: string,
  repo: FakeRepo,
  input: { commentId: number; user: FakeUser; body: string },
): FakeComment {
  const comment = repo.comments.get(input.commentId);
  if (!comment) throw new Error(`no comment ${input.commentId} in ${repo.owner}/${repo.name}`);
  const from = comment.body;
  comment.body = input.body;
  comment.updatedAt = new Date().toISOString();
  commentEvent(state, base, repo, "edited", comment, { person: input.user }, { body: { from } });
  return comment;
}

/** The installation GitHub names in every event it delivers to an installed App. */
export const FAKE_INSTALLATION = { id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };

/** Hands `payload` to the connected App's webhook, tracked until the App has answered. */
function deliverToApp(state: FakeState, name: string, payload: Record<string, unknown>): void {
  const app = state.deliveries.connections.app;
  if (!app) return;
  const id = `fake-delivery-${++state.deliveries.count}`;
  track(state, app({ id, name, payload: { ...payload, installation: FAKE_INSTALLATION } }));
}

/** The check run whose button a person may press: it exists, has completed and has that button. */
function pressable(repo: FakeRepo, checkRunId: number, identifier: string): FakeCheckRun {
  const where = `${repo.owner}/${repo.name}`;
  const run = repo.checkRuns.get(checkRunId);
  if (!run) throw new Error(`no check run ${checkRunId} in ${where}: press a button of one it has`);
  const buttons = (run.actions as { identifier?: string }[]).map((a) => a.identifier);
  if (run.status !== "completed")
    throw new Error(
      `check run ${checkRunId} (${run.name}) is ${run.status}: GitHub shows its buttons once it has completed`,
    );
  if (!buttons.includes(identifier))
    throw new Error(
      `check run ${checkRunId} (${run.name}) has no button "${identifier}" (it has: ${buttons.join(", ") || "none"})`,
    );
  return run;
}

/**
 * A person presses a button of a check run on the pull request's page: a `check_run` event with
 * `requested_action`, recorded, and delivered to the connected App only if that App created the check run.
 */
export function personPressesCheckRunAction(
  state: FakeState,
  base: string,
  repo: FakeRepo,
  input: { checkRunId: number; identifier: string; user: FakeUser },
): FakeEvent {
  const run = pressable(repo, input.checkRunId, input.identifier);
  const connections = state.deliveries.connections;
  const toApp = Boolean(connections.app) && run.appId === (connections.appId ?? SCENARIO_BOT_APP_ID);
  const event: FakeEvent = {
    name: "check_run",
    action: "requested_action",
    number: run.id,
    by: input.user.login,
    startsWorkflows: false,
    workflows: [],
    deliveredToApp: toApp,
  };
  repo.events.push(event);
  if (toApp) {
    deliverToApp(state, "check_run", {
      action: "requested_action",
      check_run: shape.checkRunEvent(base, repo, run),
      requested_action: { identifier: input.identifier },
      repository: shape.repository(base, repo),
      sender: shape.user(base, input.user),
    });
  }
  return event;
}
