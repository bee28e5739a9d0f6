// Where a repository's files come from. The CLI and the Action read their checkout; the App reads
// the GitHub API at a commit. Everything that reads a repository (config, catalog, layout) goes
// through this one interface, so the three front doors read the same files by the same rules.

/** A file of a listing; `size` in bytes when the source knows it without reading the file. */
export interface FileEntry {
  path: string;
  size?: number;
}

export interface RepoSource {
  /** For messages: "the checkout at /work/repo", "owner/name at abc1234". */
  readonly label: string;
  /** The text of a file (a repository-relative path), or undefined when there is none. */
  readFile(path: string): Promise<string | undefined>;
  /** Every file under `dir` (recursively), sorted by repository-relative path; [] when `dir` does not exist. */
  listFiles(dir: string): Promise<FileEntry[]>;
  /** The names of the folders directly under `dir` ("" for the root), sorted; [] when there is none. */
  listFolders(dir: string): Promise<string[]>;
}
