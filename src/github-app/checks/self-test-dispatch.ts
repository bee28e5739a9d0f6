// Self-tests of a pull request's changed scenarios run on a runner, never on the App's server: for a
// pull request from this repository's own branches the App dispatches the scenario workflow with
// `command: check` on the PR's branch, whose job runs `scenario test` for each changed scenario and
// reports in its own `scenario docs` check run. A fork's documents are untrusted code: only validated.
import type { GitHubRepository } from "../../github/repository.ts";
import { codeText as code } from "../../markdown/index.ts";

export interface PullHead {
  number: number;
  head: { ref: string; repo: { full_name: string } | null };
}

/** Dispatches the self-tests when they may run; the sentence the `scenario docs` summary says about them. */
export async function dispatchSelfTests(
  api: GitHubRepository,
  pull: PullHead,
  workflow: string,
  scenarioIds: readonly string[],
  log: { error: (fields: object, message: string) => void },
): Promise<string | undefined> {
  if (scenarioIds.length === 0) return undefined;
  const head = pull.head.repo?.full_name;
  if (head?.toLowerCase() !== api.fullName.toLowerCase())
    return `Not self-tested: this pull request comes from ${head ?? "a deleted fork"}; a fork's documents are untrusted code, so they were only validated.`;
  const file = code(`.github/workflows/${workflow}`);
  try {
    await api.dispatch(workflow, pull.head.ref, {
      command: "check",
      "issue-number": String(pull.number),
      scenario: "",
      params: "{}",
      "run-id": "",
    });
    return `Self-tests (\`scenario test\`) of ${scenarioIds.map(code).join(", ")}: ${file} was dispatched on ${code(pull.head.ref)} with \`command: check\`; its \`scenario docs\` check run shows each phase (run, post-validation, rollback, tree restored).`;
  } catch (error) {
    const status = (error as { status?: number }).status;
    log.error({ err: error, pull: pull.number }, "self-test dispatch failed");
    return `Not self-tested: GitHub refused to dispatch ${file} on ${code(pull.head.ref)}${status ? ` (${status})` : ""}. The workflow must be on that branch and its \`command\` input must offer \`check\` (\`scenario init --mode app\` writes it so).`;
  }
}
