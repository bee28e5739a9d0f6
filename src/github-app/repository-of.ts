// The repository a webhook is about, as the one GitHub wrapper (src/github) sees it. Probot's Octokit is
// an @octokit/core instance with the same REST methods as the Action's, typed by another release of
// @octokit/types: this is the one place the App's client is taken for the wrapper's.
import type { Context } from "probot";
import type { GitHubClient } from "../github/octokit.ts";
import { GitHubRepository } from "../github/repository.ts";

export function repositoryOf(context: Context, owner: string, repo: string): GitHubRepository {
  return new GitHubRepository(context.octokit as unknown as GitHubClient, owner, repo, {
    // A reply cut to GitHub's limit: the App has no page that could hold the whole, so its note links
    // nothing and the whole text goes to the App's log.
    bodies: {
      keep: (what, text) =>
        context.log.warn({ what, length: text.length, text }, "body cut to stay within GitHub's limit"),
    },
  });
}
