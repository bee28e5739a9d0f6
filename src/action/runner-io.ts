// What the action needs from the runner, as one small interface: inputs, outputs, log lines,
// annotations and the job summary. The default is @actions/core; tests pass a recorder.
import * as core from "@actions/core";

export interface Annotation {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
}

export interface RunnerIo {
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  info(message: string): void;
  /** A collapsible group of log lines (one per step), ended by `endGroup`. */
  startGroup(name: string): void;
  endGroup(): void;
  warning(message: string, annotation?: Annotation): void;
  /** A notice: said at the file and line, never a failure. */
  notice(message: string, annotation?: Annotation): void;
  error(message: string, annotation?: Annotation): void;
  /** Append markdown to the job summary (GITHUB_STEP_SUMMARY). */
  appendSummary(markdown: string): Promise<void>;
}

export function actionsCoreIo(): RunnerIo {
  return {
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setFailed: (message) => core.setFailed(message),
    info: (message) => core.info(message),
    startGroup: (name) => core.startGroup(name),
    endGroup: () => core.endGroup(),
    warning: (message, annotation) => core.warning(message, annotation),
    notice: (message, annotation) => core.notice(message, annotation),
    error: (message, annotation) => core.error(message, annotation),
    appendSummary: async (markdown) => {
      // Without GITHUB_STEP_SUMMARY (a local run) the summary goes to the log instead of failing.
      if (!process.env.GITHUB_STEP_SUMMARY) {
        core.info(markdown);
        return;
      }
      await core.summary.addRaw(markdown, true).write();
    },
  };
}
