// How much of a pull request `/scenario learn` reads, and how much of it a draft holds. A pull request
// is untrusted input and the draft is a document people review and the catalog reads: a change larger
// than this is not one recipe and is refused with the reason; a draft never passes the size a
// scenario document may have (MAX_DOCUMENT_BYTES, application/repository/catalog.ts). GitHub's own
// ceiling is 3,000 files (its list-files API pages no further).
export const LEARN_LIMITS = {
  /** Changed files of the pull request; more is refused. */
  files: 50,
  /** Changed lines (additions + deletions); more is refused. */
  lines: 5_000,
  /** An added file longer than this (in lines) is not read: its step says so. */
  fileLines: 2_000,
  /** An added file larger than this (in bytes) is not read: its step says so. */
  fileBytes: 48 * 1024,
  /** Lines of a modified file's diff shown in its step at most; the rest is left to the pull request. */
  patchLines: 200,
  /** Characters of the pull request's description kept as the scenario's. */
  bodyChars: 2_000,
} as const;
