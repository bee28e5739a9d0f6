// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` here is workflow expression text under test.
// Which concurrency group a job lands in, as GitHub evaluates the workflow's `concurrency:` (contexts
// github and inputs at the workflow level): a pull request's check jobs share one group per pull
// request and cancel the one in progress; a run's jobs are never in such a group and are cancelled
// only by a cancel of that run. Checked on the shipped workflows and on what `scenario init` writes.
// https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/control-the-concurrency-of-workflows-and-jobs
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { initFiles } from "../../src/cli/commands/init.ts";
import type { GitHubRepository } from "../../src/github/repository.ts";
import { dispatchSelfTests } from "../../src/github-app/checks/self-test-dispatch.ts";
import { type Contexts, evaluateWorkflowValue } from "../support/workflow-expression.ts";

interface Concurrency {
  group: string;
  cancelInProgress: boolean;
}

/** The group a job of `workflowText` is in and whether it cancels the one in progress there. */
function concurrencyOf(workflowText: string, contexts: Contexts): Concurrency {
  const doc = parse(workflowText) as { concurrency: { group: string; "cancel-in-progress"?: unknown } };
  const cancel = doc.concurrency["cancel-in-progress"];
  const group = evaluateWorkflowValue(doc.concurrency.group, contexts);
  return {
    // GitHub compares group names without regard to case.
    group: String(group).toLowerCase(),
    cancelInProgress:
      typeof cancel === "string" ? evaluateWorkflowValue(cancel, contexts) === true : cancel === true,
  };
}

/** The inputs the App dispatches for a pull request's self-tests (captured from the real dispatch). */
async function appCheckInputs(pullNumber: number): Promise<Record<string, string>> {
  let inputs: Record<string, string> | undefined;
  const api = {
    fullName: "octo/repo",
    dispatch: async (_workflow: string, _ref: string, given: Record<string, string>) => {
      inputs = given;
    },
  } as unknown as GitHubRepository;
  const pull = { number: pullNumber, head: { ref: "docs", repo: { full_name: "octo/repo" } } };
  await dispatchSelfTests(api, pull, "scenario.yml", ["add-cli-command"], { error: () => {} });
  if (!inputs) throw new Error("the App dispatched nothing");
  return inputs;
}

const dispatched = (inputs: Record<string, string>, runId: number): Contexts => ({
  github: { event_name: "workflow_dispatch", run_id: runId, event: { inputs } },
  inputs,
});
const runInputs = (command: string, runId: string) => ({
  command,
  scenario: "add-cli-command",
  params: "{}",
  "run-id": runId,
  "issue-number": "12",
});

const root = join(import.meta.dirname, "../..");
const dispatchedWorkflows: Record<string, string> = {
  ".github/workflows/scenario.yml": readFileSync(join(root, ".github/workflows/scenario.yml"), "utf8"),
  "scenario init --mode app": initFiles("app")[".github/workflows/scenario.yml"] as string,
};

describe("concurrency of a dispatched check (App mode)", () => {
  for (const [name, text] of Object.entries(dispatchedWorkflows)) {
    it(`${name}: two pushes to one pull request share a group, the newer check cancels the older`, async () => {
      const first = concurrencyOf(text, dispatched(await appCheckInputs(12), 1001));
      const second = concurrencyOf(text, dispatched(await appCheckInputs(12), 1002));
      expect(first).toEqual({ group: "scenario-check-pr-12", cancelInProgress: true });
      expect(second).toEqual(first);
      expect(concurrencyOf(text, dispatched(await appCheckInputs(13), 1003)).group).toBe(
        "scenario-check-pr-13",
      );
    });

    it(`${name}: a run, resume or rollback on the same pull request is never in a check's group and cancels nothing`, async () => {
      const checkGroup = concurrencyOf(text, dispatched(await appCheckInputs(12), 1001)).group;
      for (const command of ["run", "resume", "rollback"]) {
        const job = concurrencyOf(text, dispatched(runInputs(command, "20261129-abc123"), 2001));
        expect(job, command).toEqual({ group: "scenario-20261129-abc123", cancelInProgress: false });
        expect(job.group).not.toBe(checkGroup);
      }
      // A run the App starts before its run id exists would be its own workflow run's group.
      expect(concurrencyOf(text, dispatched(runInputs("run", ""), 2002))).toEqual({
        group: "scenario-2002",
        cancelInProgress: false,
      });
    });

    it(`${name}: a cancel still cancels the job driving its run`, () => {
      expect(concurrencyOf(text, dispatched(runInputs("cancel", "20261129-abc123"), 2003))).toEqual({
        group: "scenario-20261129-abc123",
        cancelInProgress: true,
      });
    });

    it(`${name}: a check dispatched by hand without a pull request is its own group`, () => {
      const inputs = { ...runInputs("check", ""), "issue-number": "" };
      expect(concurrencyOf(text, dispatched(inputs, 3001)).group).toBe("scenario-3001");
    });
  }

  it("a comment's job (zero-server's own scenario.yml) stays its own group", () => {
    const text = dispatchedWorkflows[".github/workflows/scenario.yml"] as string;
    const comment = { github: { event_name: "issue_comment", run_id: 4001, event: { comment: { id: 77 } } } };
    expect(concurrencyOf(text, { ...comment, inputs: {} })).toEqual({
      group: "scenario-77",
      cancelInProgress: false,
    });
  });
});

const checkWorkflows: Record<string, string> = {
  ".github/workflows/scenario-checks.yml": readFileSync(
    join(root, ".github/workflows/scenario-checks.yml"),
    "utf8",
  ),
  "scenario init --mode zero-server": initFiles("zero-server")[
    ".github/workflows/scenario-checks.yml"
  ] as string,
};

describe("concurrency of the pull request check workflow (zero-server)", () => {
  const push = (number: number, runId: number): Contexts => ({
    github: { event_name: "pull_request", run_id: runId, event: { pull_request: { number } } },
    inputs: {},
  });
  for (const [name, text] of Object.entries(checkWorkflows)) {
    it(`${name}: one group per pull request, the newer push cancels the older check`, () => {
      expect(concurrencyOf(text, push(12, 1))).toEqual({
        group: "scenario-checks-pr-12",
        cancelInProgress: true,
      });
      expect(concurrencyOf(text, push(12, 2))).toEqual(concurrencyOf(text, push(12, 1)));
      expect(concurrencyOf(text, push(13, 3)).group).toBe("scenario-checks-pr-13");
    });

    it(`${name}: its groups are not the scenario workflow's, whose runs a push therefore never cancels`, () => {
      const runs = concurrencyOf(initFiles("zero-server")[".github/workflows/scenario.yml"] as string, {
        ...dispatched(runInputs("run", "12"), 12),
      });
      expect(runs.group).toBe("scenario-12");
      expect(concurrencyOf(text, push(12, 1)).group).not.toBe(runs.group);
    });
  }
});

describe("the expression evaluator keeps GitHub's rules", () => {
  it("compares strings without case, yields operands from && and ||, reads a missing property as null", () => {
    const contexts = { inputs: { command: "Check", n: "" } };
    expect(evaluateWorkflowValue("${{ inputs.command == 'check' }}", contexts)).toBe(true);
    expect(evaluateWorkflowValue("${{ inputs.n && 'a' || 'b' }}", contexts)).toBe("b");
    expect(evaluateWorkflowValue("${{ inputs.missing.deeper }}", contexts)).toBe(null);
    expect(evaluateWorkflowValue("x-${{ inputs.missing }}-${{ format('{0}{1}', 'a', 1) }}", contexts)).toBe(
      "x--a1",
    );
    expect(() => evaluateWorkflowValue("${{ contains(inputs.command, 'c') }}", contexts)).toThrow(
      "contains() is not evaluated here",
    );
  });
});
