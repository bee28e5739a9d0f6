// Reading a repository: its config and its scenario catalog, from a checkout or the GitHub API.
export * from "./catalog.ts";
export * from "./changed-documents.ts";
export * from "./checkout-source.ts";
export * from "./config.ts";
export * from "./layout.ts";
export * from "./repo-root.ts";
export * from "./shipped.ts";
export type * from "./source.ts";
