// Who a token acts as, and what GitHub lets that identity do. GitHub's rules, each from its page:
// - A workflow's GITHUB_TOKEN is an installation token of the `github-actions` app (id 15368), limited
//   to the job's `permissions:`; what a job does not list is `none` (metadata stays readable). An App's
//   installation token acts as that App, with the App's permissions.
//   https://docs.github.com/actions/concepts/security/github_token
//   https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#permissions
// - A check run can be updated only by the app that created it: "Invalid app_id `15368` - check run can
//   only be modified by the GitHub App that created it." (403); only that app hears its buttons'
//   presses (`check_run.requested_action`, delivered by deliveries.ts).
//   https://docs.github.com/rest/checks/runs#update-a-check-run
//   https://docs.github.com/webhooks/webhook-events-and-payloads#check_run
// - GITHUB_TOKEN cannot create pull requests unless the repository allows it ("Allow GitHub Actions to
//   create and approve pull requests", off by default): 403 "GitHub Actions is not permitted to create or
//   approve pull requests."
//   https://docs.github.com/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/managing-github-actions-settings-for-a-repository#preventing-github-actions-from-creating-or-approving-pull-requests
// - Events caused by GITHUB_TOKEN (pushes, comments, pull requests) start no workflow run, except
//   workflow_dispatch and repository_dispatch.
//   https://docs.github.com/actions/how-tos/write-workflows/choose-when-workflows-run/trigger-a-workflow#triggering-a-workflow-from-a-workflow
import type { FakeState, FakeUser } from "./state.ts";

export type Level = "read" | "write";
/** Permission scopes by GitHub's names (`pull_requests`, as an App declares them; a workflow writes `pull-requests`). */
export type Permissions = Partial<Record<Scope, Level>>;
export type Scope = "metadata" | "contents" | "issues" | "pull_requests" | "checks" | "actions";

export interface Identity {
  /** `app`: an App's installation token; `workflow`: a job's GITHUB_TOKEN (the github-actions app). */
  kind: "app" | "workflow";
  appId: number;
  slug: string;
  /** Who comments, reactions and pull requests made with the token are attributed to. */
  user: FakeUser;
  /** Undefined: every permission (a token a test did not describe). */
  permissions?: Permissions;
}

export const GITHUB_ACTIONS_APP_ID = 15368;
/** scenario-bot's App, as the tests install it. */
export const SCENARIO_BOT_APP_ID = 4242;

/** scenario-bot's own App, as the tests' installation tokens act. */
export function scenarioBotApp(state: FakeState, permissions?: Permissions): Identity {
  return {
    kind: "app",
    appId: SCENARIO_BOT_APP_ID,
    slug: "scenario-bot",
    user: state.actor,
    ...(permissions ? { permissions } : {}),
  };
}

/** A job's GITHUB_TOKEN with the job's `permissions:` block (keys as a workflow writes them). */
export function workflowIdentity(permissions: Record<string, string>): Identity {
  const granted: Permissions = { metadata: "read" };
  for (const [key, level] of Object.entries(permissions)) {
    if (level !== "read" && level !== "write") continue;
    granted[key.replace(/-/g, "_") as Scope] = level;
  }
  return {
    kind: "workflow",
    appId: GITHUB_ACTIONS_APP_ID,
    slug: "github-actions",
    user: { login: "github-actions[bot]", id: 41898282, type: "Bot" },
    permissions: granted,
  };
}

/** Registers `token` as acting as `identity` (a test hands the token to the code under test). */
export function grantToken(state: FakeState, token: string, identity: Identity): void {
  state.identities.set(token, identity);
}

/** Who `authorization` acts as; a token no test described acts as scenario-bot with every permission. */
export function identityOf(state: FakeState, authorization: string | undefined): Identity {
  const token = authorization?.split(" ")[1] ?? "";
  return state.identities.get(token) ?? scenarioBotApp(state);
}

/** What each operation needs: GitHub's "Permissions required for GitHub Apps" of each endpoint's page. */
const NEEDS: Record<string, [Scope, Level]> = {
  "repos/get": ["metadata", "read"],
  "repos/get-collaborator-permission-level": ["metadata", "read"],
  "repos/get-content": ["contents", "read"],
  "git/get-ref": ["contents", "read"],
  "git/get-tree": ["contents", "read"],
  "git/create-ref": ["contents", "write"],
  "repos/create-or-update-file-contents": ["contents", "write"],
  "issues/get": ["issues", "read"],
  "issues/get-comment": ["issues", "read"],
  "issues/list-comments": ["issues", "read"],
  "issues/list-for-repo": ["issues", "read"],
  "issues/create": ["issues", "write"],
  "issues/update": ["issues", "write"],
  "issues/create-comment": ["issues", "write"],
  "issues/update-comment": ["issues", "write"],
  "reactions/create-for-issue-comment": ["issues", "write"],
  "pulls/get": ["pull_requests", "read"],
  "pulls/list": ["pull_requests", "read"],
  "pulls/list-files": ["pull_requests", "read"],
  "pulls/create": ["pull_requests", "write"],
  "pulls/update": ["pull_requests", "write"],
  "checks/get": ["checks", "read"],
  "checks/list-for-ref": ["checks", "read"],
  "checks/create": ["checks", "write"],
  "checks/update": ["checks", "write"],
  "actions/get-workflow-run": ["actions", "read"],
  "actions/list-workflow-runs": ["actions", "read"],
  "actions/create-workflow-dispatch": ["actions", "write"],
  "actions/cancel-workflow-run": ["actions", "write"],
};

/** Why `identity` may not call `operation` ("Resource not accessible by integration"), if it may not. */
export function refusal(identity: Identity, operation: string): string | undefined {
  const need = NEEDS[operation];
  if (!need || !identity.permissions) return undefined;
  const [scope, level] = need;
  const has = identity.permissions[scope];
  if (has === "write" || has === level) return undefined;
  return "Resource not accessible by integration";
}

/** Whether an event the identity caused (a push, a comment, a pull request) starts workflow runs. */
export function startsWorkflows(identity: Identity, event: string): boolean {
  return identity.kind !== "workflow" || event === "workflow_dispatch" || event === "repository_dispatch";
}
