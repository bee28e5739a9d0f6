// The repository a webhook is about, as the one GitHub wrapper (src/github) sees it. Probot's Octokit is
// an @octokit/core instance with the same REST methods as the Action's, typed by another release of
// @octokit/types: this is the one place the App's client is taken for the wrapper's.
import type { Context } from "probot";
import type { GitHubClient } from "../github/octokit.ts";
import { GitHubRepository } from "../github/repository.ts";

export function repositoryOf(context: Context, owner: string, repo: string): GitHubRepository {
  return new GitHubRepository(context.octokit as unknown as GitHubClient, owner, repo);
}
