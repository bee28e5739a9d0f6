// The repository @octokit/webhooks-examples' payloads point at: Codertocat/Hello-World (default branch
// master) with issue 1 and the comment 492700400 of the `issue_comment` examples, so an App that
// answers such a payload finds what it reacts to and replies on.
import { addRepo, type FakeRepo, type FakeState, type RepoSeed } from "./state.ts";

export const EXAMPLE_COMMENT_ID = 492700400;

export function addWebhookExampleRepo(
  state: FakeState,
  seed: Omit<RepoSeed, "owner" | "name" | "defaultBranch"> = {},
): FakeRepo {
  const repo = addRepo(state, { owner: "Codertocat", name: "Hello-World", defaultBranch: "master", ...seed });
  const at = new Date().toISOString();
  const user = { login: "Codertocat", id: 21031067, type: "User" as const };
  repo.issues.set(1, {
    number: 1,
    title: "Spelling",
    body: null,
    state: "open",
    labels: [],
    user,
    createdAt: at,
    updatedAt: at,
  });
  repo.comments.set(EXAMPLE_COMMENT_ID, {
    id: EXAMPLE_COMMENT_ID,
    issueNumber: 1,
    body: "",
    user,
    createdAt: at,
    updatedAt: at,
  });
  return repo;
}
