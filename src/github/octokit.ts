// One Octokit per action run: the runner's API root (GHES), the token, and retries where GitHub says
// they are safe: 5xx and secondary rate limits (plugin-retry, plugin-throttling).
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { deadlineSignal } from "../os/deadline.ts";

export type GitHubClient = InstanceType<typeof Octokit>;

export interface OctokitOptions {
  token: string;
  baseUrl: string;
  /** Retries after a 5xx or a rate limit; tests set 0 to see failures at once. */
  retries?: number;
  fetch?: typeof fetch;
  log?: (message: string) => void;
  /** A request GitHub has not answered by then is abandoned (then retried where safe). Default 30 s. */
  timeoutMs?: number;
}

const TIMEOUT_MS = 30_000;

/** fetch with a deadline: a GitHub that accepts and never answers must not hold the job for hours. */
function withTimeout(inner: typeof fetch, ms: number): typeof fetch {
  return (input, init) => inner(input, { ...init, signal: deadlineSignal(ms, init?.signal) });
}

const ActionOctokit = Octokit.plugin(retry, throttling);

/**
 * POSTs whose repetition does no harm: GitHub returns the existing reaction, and cancelling a run twice
 * cancels it once. Others may have been done.
 */
const SAFE_POST = /\/reactions$|\/actions\/runs\/\{?\w+\}?\/cancel$/;

export function createOctokit(options: OctokitOptions): GitHubClient {
  const retries = options.retries ?? 3;
  const log = options.log ?? (() => {});
  const octokit = new ActionOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: "scenario-bot-action",
    // @octokit/rest logs every failed request as an error line ("GET .../scenarios.yml - 404 ...") to
    // stderr. A refusal is thrown to the caller, which expects some (a config that is not there) and
    // reports the others in its own words: the line would only be noise in the job's log.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log(m), error: () => {} },
    // The retry count goes to the plugin, not to every request: plugin-retry repeats any failed request
    // that carries `request.retries`, including a 404 it is told never to retry.
    request: { fetch: withTimeout(options.fetch ?? globalThis.fetch, options.timeoutMs ?? TIMEOUT_MS) },
    retry: { enabled: retries > 0, retries },
    throttle: {
      enabled: retries > 0,
      onRateLimit: (
        retryAfter: number,
        request: { method: string; url: string },
        _octokit: unknown,
        count: number,
      ) => {
        log(`rate limited on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
        return count < retries;
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        request: { method: string; url: string },
        _octokit: unknown,
        count: number,
      ) => {
        log(`secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
        return count < retries;
      },
    },
  }) as GitHubClient;
  // A 5xx on a POST may come after GitHub did the work: retrying would post a second comment or
  // check run, so only reads, updates and idempotent POSTs are retried. A rate-limit refusal is
  // retried whatever the method (plugin-throttling): nothing was done.
  octokit.hook.before("request", (options) => {
    if (options.method === "POST" && !SAFE_POST.test(String(options.url))) {
      options.request = { ...options.request, retries: 0 };
    }
  });
  return octokit;
}
