// A body cut to GitHub's limit links "the workflow run's log" for its whole text (src/github/
// text-limits.ts): this is what puts the text there. Between stop-commands markers, so that no line of
// it (from documents, parameters, step output) is taken by the runner for a workflow command.
// https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands#stopping-and-starting-workflow-commands
import { randomUUID } from "node:crypto";
import type { FullText } from "../github/text-limits.ts";
import type { RunnerIo } from "./runner-io.ts";

export function fullTextInLog(io: Pick<RunnerIo, "info">, runUrl?: string): FullText {
  return {
    ...(runUrl ? { fullAt: runUrl } : {}),
    keep(what, text) {
      const token = randomUUID();
      io.info(`${what} was cut to stay within GitHub's limit; its whole text follows.`);
      io.info(`::stop-commands::${token}`);
      io.info(text);
      io.info(`::${token}::`);
    },
  };
}
