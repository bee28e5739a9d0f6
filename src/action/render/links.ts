// Web links into the repository, rooted at GITHUB_SERVER_URL so they work on GitHub Enterprise Server.
export interface RepoLinks {
  repo: string;
  commit(sha: string): string;
  checkRun(id: number): string;
  pull(number: number): string;
  issue(number: number): string;
  tree(branch: string): string;
}

export function repoLinks(serverUrl: string, owner: string, repo: string): RepoLinks {
  const base = `${serverUrl}/${owner}/${repo}`;
  return {
    repo: base,
    commit: (sha) => `${base}/commit/${sha}`,
    checkRun: (id) => `${base}/runs/${id}`,
    pull: (n) => `${base}/pull/${n}`,
    issue: (n) => `${base}/issues/${n}`,
    tree: (branch) => `${base}/tree/${branch.split("/").map(encodeURIComponent).join("/")}`,
  };
}
