// The run-state marker of a run's pull request, read only when this job's own identity wrote the body
// as it stands. Anyone with write access can edit a pull request's body, so a marker is trusted the way
// a comment's is (Issues.isOwn): by who wrote it, never by what it says. The job rewrites the body as
// the run goes and when it ends, which makes it the last writer again; a person's edit in between, even outside the run's
// section, refuses the job (GitHub keeps who wrote a body, not who wrote each part of it). A body with
// no marker is not read at all: the run is then rebuilt from its commits' trailers, which is the way
// out the refusal names.

import { messageOf } from "../../errors/index.ts";
import type { PullRequestRef } from "../../github/pull-request.ts";
import { ActionRefusedError, UntrustedRunMarkerError } from "../errors.ts";
import { parseMarker, type RunMarker } from "../render/pr-body.ts";
import type { ActionContext } from "./context.ts";

/**
 * The marker of `runId` in the pull request: undefined when it has none (or one of another run), an
 * error when the body's last writer is not this job's identity.
 */
export async function trustedRunMarker(
  ctx: Pick<ActionContext, "github">,
  pr: PullRequestRef,
  runId: string,
): Promise<RunMarker | undefined> {
  const marker = parseMarker(pr.body);
  if (!marker) return undefined;
  const { issues, pulls } = ctx.github;
  const writer = await pulls.bodyWriter(pr.number).catch((error: unknown) => {
    throw new ActionRefusedError(
      `run ${runId}: GitHub did not say who last edited the body of pull request #${pr.number} (${messageOf(error)}), so its run-state marker cannot be trusted and nothing was changed. ` +
        "The job's token needs pull-requests: read (the workflow's permissions:, or the App's).",
      "environment",
    );
  });
  if (writer && (await issues.isOwn(writer.login))) return marker.runId === runId ? marker : undefined;
  throw new UntrustedRunMarkerError({
    runId,
    pullRequest: pr.number,
    editor: writer?.login,
    own: await issues.viewerLogin(),
  });
}
