// A GitHub REST API fake on loopback, shared by the App's and the Action's tests and the bench.
export { type GitHubFake, type GitHubFakeOptions, type RecordedRequest, startGitHubFake } from "./server.ts";
export * from "./state.ts";
export * from "./webhook-example-repo.ts";
