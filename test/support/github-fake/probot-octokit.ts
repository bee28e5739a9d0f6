// ProbotOctokit for tests and benches: no retries and no throttling. `ProbotOctokit.defaults({ throttle:
// { enabled: false } })` is not enough in probot 14 (its own throttle options are merged over it, and
// @octokit/plugin-throttling then spaces writes 1 s apart), so the options are forced last.
import { ProbotOctokit } from "probot";

type Options = { throttle?: Record<string, unknown>; retry?: Record<string, unknown> } & Record<
  string,
  unknown
>;

export const UnthrottledOctokit = ProbotOctokit.defaults((options: Options) => ({
  ...options,
  throttle: { ...options.throttle, enabled: false },
  retry: { ...options.retry, enabled: false },
}));
