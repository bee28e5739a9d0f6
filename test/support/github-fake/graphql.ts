// The GraphQL the code sends, answered the way GitHub's GraphQL API answers (it is not in the REST
// description, so each query the code sends is recognised here by its shape):
// - `viewer { login }`: who the token acts as. An installation token's viewer is its bot, login with
//   `[bot]` (`github-actions[bot]`, `scenario-bot[bot]`), as REST spells it.
// - `repository(owner, name) { pullRequest(number) { author, editor } }`: who opened the pull request
//   and who last edited its body (`editor`, null while nobody has). An actor is `{ __typename, login }`,
//   and a `Bot`'s login is without `[bot]` (REST's `dependabot[bot]` is GraphQL's `dependabot`).
//   https://docs.github.com/graphql/reference/objects#pullrequest
//   https://docs.github.com/graphql/reference/interfaces#actor
// - `markPullRequestReadyForReview`: a draft has no REST way to become ready.
//   https://docs.github.com/graphql/reference/mutations#markpullrequestreadyforreview
// Errors come as HTTP 200 with `errors` (and `data` null where a field could not be resolved).
import { identityOf, refusal } from "./identity.ts";
import { pullNodeId } from "./shapes.ts";
import { type FakeState, type FakeUser, findRepo } from "./state.ts";

interface GraphQLRequest {
  query?: string;
  variables?: Record<string, unknown>;
}

type Answer = { status: number; body: unknown };

const ok = (data: unknown, errors?: unknown[]): Answer => ({
  status: 200,
  body: errors ? { data, errors } : { data },
});
const FORBIDDEN = { type: "FORBIDDEN", message: "Resource not accessible by integration" };

export function graphql(state: FakeState, body: unknown, authorization?: string): Answer {
  const request = (body ?? {}) as GraphQLRequest;
  const query = String(request.query ?? "");
  const variables = request.variables ?? {};
  const identity = identityOf(state, authorization);
  if (/viewer\s*\{\s*login\s*\}/.test(query)) return ok({ viewer: { login: identity.user.login } });
  if (/pullRequest\s*\(\s*number:/.test(query)) {
    if (refusal(identity, "pulls/get"))
      return ok({ repository: null }, [{ ...FORBIDDEN, path: ["repository"] }]);
    return pullRequestAuthors(state, query, variables);
  }
  if (/markPullRequestReadyForReview/.test(query)) {
    for (const repo of state.repos.values()) {
      for (const issue of repo.issues.values()) {
        if (!issue.pull || pullNodeId(repo, issue.number) !== variables.id) continue;
        if (refusal(identity, "pulls/update")) return ok(null, [FORBIDDEN]);
        issue.pull.draft = false;
        return ok({ markPullRequestReadyForReview: { pullRequest: { isDraft: false } } });
      }
    }
    return ok(null, [{ type: "NOT_FOUND", message: "Could not resolve to a node" }]);
  }
  return {
    status: 400,
    body: {
      message:
        "the fake answers viewer { login }, repository { pullRequest { author editor } } and markPullRequestReadyForReview only",
    },
  };
}

/** `author` and `editor` of a pull request, each only when the query selects it. */
function pullRequestAuthors(state: FakeState, query: string, variables: Record<string, unknown>): Answer {
  const owner = String(variables.owner ?? "");
  const name = String(variables.repo ?? "");
  const number = Number(variables.number);
  const repo = findRepo(state, owner, name);
  if (!repo)
    return ok({ repository: null }, [
      {
        type: "NOT_FOUND",
        path: ["repository"],
        message: `Could not resolve to a Repository with the name '${owner}/${name}'.`,
      },
    ]);
  const issue = repo.issues.get(number);
  if (!issue?.pull)
    return ok({ repository: { pullRequest: null } }, [
      {
        type: "NOT_FOUND",
        path: ["repository", "pullRequest"],
        message: `Could not resolve to a PullRequest with the number of ${number}.`,
      },
    ]);
  const pullRequest: Record<string, unknown> = {};
  if (/\bauthor\s*\{/.test(query)) pullRequest.author = actor(issue.user);
  if (/\beditor\s*\{/.test(query)) pullRequest.editor = issue.editor ? actor(issue.editor) : null;
  if (/\blastEditedAt\b/.test(query)) pullRequest.lastEditedAt = issue.lastEditedAt ?? null;
  return ok({ repository: { pullRequest } });
}

/** A user as GraphQL's `Actor` shows it: a bot's login without REST's `[bot]`. */
function actor(user: FakeUser): { __typename: string; login: string } {
  return user.type === "Bot"
    ? { __typename: "Bot", login: user.login.replace(/\[bot\]$/, "") }
    : { __typename: user.type, login: user.login };
}
