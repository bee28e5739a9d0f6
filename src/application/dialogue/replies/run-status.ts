// The line of a "starting" reply that follows its run: queued when the reply is posted, then rewritten
// in place by the job that drives the run (running, waiting with a link to the checklist, succeeded
// with the pull request, failed with the step, the reason and what to do), so the person who asked
// learns how it ended in the comment they are already looking at. Between two hidden markers, so the
// rest of the reply is never touched.
import { code, html, link, paragraph, render, strong } from "../../../markdown/index.ts";

const START = "<!-- scenario-bot status -->";
const END = "<!-- /scenario-bot status -->";

export interface RunStatusInput {
  status: string;
  runId: string;
  /** Where to go: the pull request, else the branch (with the note on why there is no pull request). */
  pullRequest?: { number: number; url: string };
  branchUrl?: string;
  checklistUrl?: string;
  /** The failed step (`2. Write the service`) and why. */
  failedStep?: string;
  reason?: string;
  /**
   * GitHub refused the job's token the pull request (GITHUB_TOKEN while the repository does not allow
   * Actions to create pull requests): the page that opens it by hand, and the setting named.
   */
  pullRequestRefused?: { compareUrl: string };
  runUrl?: string;
}

export function runStatusSection(input: RunStatusInput): string {
  const where = input.runUrl ? [" (", link(input.runUrl, "log"), ")"] : [];
  const line = (() => {
    switch (input.status) {
      case "queued":
        return ["⏳ queued: waiting for a runner"];
      case "running":
        return ["🏃 running", ...where];
      case "waiting":
        return [
          "⏸️ waiting on a manual step: tick every item of ",
          input.checklistUrl ? link(input.checklistUrl, "the checklist") : "the checklist below",
          ", or comment ",
          code(`/scenario resume ${input.runId}`),
        ];
      case "succeeded":
        return input.pullRequest
          ? ["✅ succeeded: review ", link(input.pullRequest.url, `#${input.pullRequest.number}`)]
          : ["✅ succeeded", ...(input.branchUrl ? [": ", link(input.branchUrl, "the branch")] : [])];
      default: {
        const undone = input.status === "rolled_back" || input.status === "cancelled";
        return [
          `❌ ${input.status.replace("_", " ")}`,
          ...(input.failedStep ? [" at step ", code(input.failedStep)] : []),
          ...(input.reason ? [`: ${input.reason.slice(0, 500)}`] : []),
          ...where,
          ...(undone
            ? [". Its steps were undone and it cannot be resumed: fix the cause and start a new run."]
            : [
                ". Fix the cause, then ",
                code(`/scenario resume ${input.runId}`),
                ", or ",
                code(`/scenario rollback ${input.runId}`),
                " to undo it.",
              ]),
        ];
      }
    }
  })();
  const blocks = [html(START), paragraph(strong("Status:"), " ", ...line)];
  if (input.pullRequestRefused)
    blocks.push(
      paragraph(
        "GitHub did not let this workflow's token open the pull request: ",
        link(input.pullRequestRefused.compareUrl, "open it by hand"),
        ", or turn on “Allow GitHub Actions to create and approve pull requests” (Settings › Actions › General › Workflow permissions) for the next runs.",
      ),
    );
  blocks.push(html(END));
  return render(blocks);
}

/** `body` with its status section replaced by `section` (appended when it has none). */
export function withRunStatus(body: string, section: string): string {
  const start = body.indexOf(START);
  const end = body.indexOf(END);
  if (start < 0 || end < start) return `${body}\n\n${section}`;
  return body.slice(0, start) + section + body.slice(end + END.length);
}

/**
 * What the status section of `body` says, when it has one: whether the run is running, and the log it
 * links then (the workflow run of the job driving it, which wrote that line when it started the run).
 */
export function runStatusOf(body: string): { running: boolean; runUrl?: string } | undefined {
  const start = body.indexOf(START);
  const end = body.indexOf(END);
  if (start < 0 || end < start) return undefined;
  const section = body.slice(start, end);
  const runUrl = /\]\((https?:\/\/[^)\s]+\/actions\/runs\/\d+[^)\s]*)\)/.exec(section)?.[1];
  return { running: /\*\*Status:\*\* 🏃 running/.test(section), ...(runUrl ? { runUrl } : {}) };
}
