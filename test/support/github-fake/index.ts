// A GitHub REST API fake on loopback, shared by the App's and the Action's tests and the bench.

export * from "./deliveries.ts";
export * from "./identity.ts";
export { type GitHubFake, type GitHubFakeOptions, type RecordedRequest, startGitHubFake } from "./server.ts";
export * from "./state.ts";
export * from "./webhook-example-repo.ts";

/**
 * Requests GitHub refused that the code did not expect. The one expected refusal: reading
 * `.github/scenarios.yml` from the owner's `.github` repository, which most owners do not have (the
 * config fallback every front door tries when the repository has no config of its own).
 */
export function refusedRequests<R extends { method: string; path: string; status: number }>(
  requests: R[],
): R[] {
  return requests.filter(
    (r) => r.status >= 400 && !(r.method === "GET" && r.status === 404 && OWNER_CONFIG.test(r.path)),
  );
}

/** Requests other than the config reads every job starts with. */
export function withoutConfigReads<R extends { method: string; path: string }>(requests: R[]): R[] {
  return requests.filter((r) => !(r.method === "GET" && OWNER_CONFIG.test(r.path)));
}

const OWNER_CONFIG = /^\/repos\/[^/]+\/\.github\/contents\/\.github\/scenarios\.yml$/;
