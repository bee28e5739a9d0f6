// A repository read through GitHub's REST API at one commit: what the App reads a repository's config
// and scenario documents from. One recursive tree read lists every file; each file is one contents read.
import type { FileEntry, RepoSource } from "./source.ts";

/** The two requests used here, typed structurally so probot's Octokit and @octokit/rest's both fit. */
export interface ContentsOctokit {
  request(
    route: "GET /repos/{owner}/{repo}/contents/{path}" | "GET /repos/{owner}/{repo}/git/trees/{tree_sha}",
    params: Record<string, unknown>,
  ): Promise<{ data: unknown }>;
}

export interface RepoRef {
  owner: string;
  repo: string;
}

/** `sha` undefined reads the default branch (the owner's `.github` repository fallback). */
export function apiSource(octokit: ContentsOctokit, ref: RepoRef, sha?: string): RepoSource {
  let tree: Promise<FileEntry[]> | undefined;
  return {
    label: `${ref.owner}/${ref.repo}${sha ? ` at ${sha.slice(0, 7)}` : ""}`,
    async readFile(path) {
      try {
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
          ...ref,
          path,
          ...(sha ? { ref: sha } : {}),
        });
        const file = data as { type?: string; content?: string; encoding?: string };
        if (Array.isArray(data) || file.type !== "file" || typeof file.content !== "string") return undefined;
        return Buffer.from(file.content, "base64").toString("utf8");
      } catch (error) {
        if ((error as { status?: number }).status === 404) return undefined;
        throw error;
      }
    },
    async listFiles(dir) {
      tree ??= readTree(octokit, ref, sha ?? "HEAD");
      const prefix = `${dir.replace(/\/+$/, "")}/`;
      return (await tree).filter((e) => e.path.startsWith(prefix));
    },
    async listFolders(dir) {
      tree ??= readTree(octokit, ref, sha ?? "HEAD");
      const prefix = dir.replace(/\/+$/, "") === "" ? "" : `${dir.replace(/\/+$/, "")}/`;
      const names = new Set<string>();
      for (const e of await tree) {
        if (!e.path.startsWith(prefix)) continue;
        const rest = e.path.slice(prefix.length);
        const slash = rest.indexOf("/");
        if (slash > 0) names.add(rest.slice(0, slash));
      }
      return [...names].sort();
    },
  };
}

async function readTree(octokit: ContentsOctokit, ref: RepoRef, sha: string): Promise<FileEntry[]> {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", {
      ...ref,
      tree_sha: sha,
      recursive: "1",
    });
    const entries = (data as { tree: { type?: string; path?: string; size?: number }[] }).tree;
    return entries
      .filter((e) => e.type === "blob" && typeof e.path === "string")
      .map((e) => ({ path: e.path as string, ...(typeof e.size === "number" ? { size: e.size } : {}) }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return [];
    throw error;
  }
}
