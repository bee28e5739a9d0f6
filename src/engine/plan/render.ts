// The engine's view of placeholder rendering, from the parser: shell blocks get quoted environment
// variable references (values travel in `env`), text gets the values substituted after validation.
import { renderText } from "../../scenario/placeholders.ts";
import { renderShell } from "../../scenario/shell.ts";
import type { ParameterValue } from "../../scenario/types.ts";

export type RenderValues = Record<string, ParameterValue>;

export function renderShellBlock(
  content: string,
  values: RenderValues,
): { script: string; env: Record<string, string> } {
  return renderShell(content, values);
}

export function renderTextValue(content: string, values: RenderValues): string {
  return renderText(content, values);
}
