// Web links into the repository, rooted at GITHUB_SERVER_URL so they work on GitHub Enterprise Server.
export interface RepoLinks {
  repo: string;
  commit(sha: string): string;
  checkRun(id: number): string;
  pull(number: number): string;
  issue(number: number): string;
  tree(branch: string): string;
  /** The page that compares `branch` with `base` and offers to open a pull request from it. */
  compare(base: string, branch: string): string;
}

export function repoLinks(serverUrl: string, owner: string, repo: string): RepoLinks {
  const base = `${serverUrl}/${owner}/${repo}`;
  return {
    repo: base,
    commit: (sha) => `${base}/commit/${sha}`,
    checkRun: (id) => `${base}/runs/${id}`,
    pull: (n) => `${base}/pull/${n}`,
    issue: (n) => `${base}/issues/${n}`,
    tree: (branch) => `${base}/tree/${path(branch)}`,
    compare: (from, branch) => `${base}/compare/${path(from)}...${path(branch)}?expand=1`,
  };
}

function path(branch: string): string {
  return branch.split("/").map(encodeURIComponent).join("/");
}
