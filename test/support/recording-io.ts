// A RunnerIo that records what the action would have told the runner, for in-process tests.
import type { Annotation, RunnerIo } from "../../src/action/runner-io.ts";

export interface RecordingIo extends RunnerIo {
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  failed: string[];
  logs: string[];
  annotations: { level: "notice" | "warning" | "error"; message: string; annotation?: Annotation }[];
  summary: string;
}

export function recordingIo(inputs: Record<string, string> = {}): RecordingIo {
  const io: RecordingIo = {
    inputs,
    outputs: {},
    failed: [],
    logs: [],
    annotations: [],
    summary: "",
    getInput: (name) => io.inputs[name] ?? "",
    setOutput: (name, value) => {
      io.outputs[name] = value;
    },
    setFailed: (message) => {
      io.failed.push(message);
    },
    info: (message) => {
      io.logs.push(message);
    },
    startGroup: (name) => {
      io.logs.push(`::group::${name}`);
    },
    endGroup: () => {
      io.logs.push("::endgroup::");
    },
    warning: (message, annotation) => {
      io.annotations.push(
        annotation ? { level: "warning", message, annotation } : { level: "warning", message },
      );
    },
    notice: (message, annotation) => {
      io.annotations.push(
        annotation ? { level: "notice", message, annotation } : { level: "notice", message },
      );
    },
    error: (message, annotation) => {
      io.annotations.push(annotation ? { level: "error", message, annotation } : { level: "error", message });
    },
    appendSummary: async (markdown) => {
      io.summary += markdown;
    },
  };
  return io;
}
