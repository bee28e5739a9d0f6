// The shared command grammar, permission policy and checklist format: pure, used by the App and the Action.
export * from "./checklist.ts";
export { MAX_COMMENT_CHARS, MAX_NESTING } from "./command-lines.ts";
export * from "./errors.ts";
export {
  MAX_COMMANDS_PER_COMMENT,
  PARAM_NAME,
  parseArguments,
  parseComment,
  printable,
  RUN_ID,
  SCENARIO_ID,
} from "./parse-comment.ts";
export * from "./permission.ts";
export * from "./repo-config.ts";
export * from "./suggest.ts";
export { MAX_LINE_BYTES } from "./tokenize.ts";
export * from "./types.ts";
