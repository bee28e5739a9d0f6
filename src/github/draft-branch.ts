// A document proposed as a pull request without a checkout: a new branch at the base branch's head
// (`POST /git/refs`), one commit adding the file (`PUT /contents/{path}`), and a pull request from it.
// What `/scenario learn` does with its draft, the same whether the App's token or a workflow's
// GITHUB_TOKEN carries it (the latter may be refused the pull request: then the branch is what is left).
import { ACTIONS_PR_SETTING, isActionsPullRequestRefusal } from "./pull-request.ts";
import type { GitHubRepository } from "./repository.ts";

export interface ProposedFile {
  branch: string;
  base: string;
  path: string;
  content: string;
  message: string;
  title: string;
  body: string;
}

export type ProposalOutcome =
  | { kind: "opened"; pullRequest: number }
  /** The branch was there already (an earlier draft): nothing was written. */
  | { kind: "exists"; pullRequest?: number }
  /** The branch holds the document, but this token may not open pull requests. */
  | { kind: "refused"; setting: typeof ACTIONS_PR_SETTING };

const status = (error: unknown) => (error as { status?: number }).status;

export async function proposeFile(repo: GitHubRepository, file: ProposedFile): Promise<ProposalOutcome> {
  const { octokit, ref } = repo;
  const sha = await repo.branchSha(file.base);
  try {
    await octokit.rest.git.createRef({ ...ref, ref: `refs/heads/${file.branch}`, sha });
  } catch (error) {
    if (status(error) !== 422 || !/already exists/i.test((error as Error).message)) throw error;
    const open = await repo.pulls.findByHead(file.branch);
    return open ? { kind: "exists", pullRequest: open.number } : { kind: "exists" };
  }
  await octokit.rest.repos.createOrUpdateFileContents({
    ...ref,
    path: file.path,
    branch: file.branch,
    message: file.message,
    content: Buffer.from(file.content, "utf8").toString("base64"),
  });
  try {
    const pr = await repo.pulls.open({
      branch: file.branch,
      base: file.base,
      title: file.title,
      body: file.body,
    });
    return { kind: "opened", pullRequest: pr.number };
  } catch (error) {
    if (isActionsPullRequestRefusal(error)) return { kind: "refused", setting: ACTIONS_PR_SETTING };
    throw error;
  }
}

/** What `/scenario learn` reads and writes on GitHub, for either host (application/dialogue/authoring-port.ts). */
export function githubAuthoring(repo: GitHubRepository) {
  return {
    pullRequest: (number: number) => repo.pulls.get(number),
    files: (number: number, max: number) => repo.pulls.files(number, max),
    fileText: (path: string, ref: string, maxBytes: number) => repo.fileText(path, ref, maxBytes),
    exists: (path: string, ref: string) => repo.exists(path, ref),
    propose: (file: ProposedFile) => proposeFile(repo, file),
  };
}
