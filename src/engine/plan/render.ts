// The engine's view of placeholder rendering. Shell blocks never get values as text: a placeholder
// becomes a quoted environment variable reference and the value goes into `env`. Text (file content,
// paths, checklist items) gets the value substituted after validation.
// TEMPORARY: a local implementation of docs/scenario-format.md "Placeholders" until the parser's
// renderShell/renderText land in src/scenario/; then this file only adapts their signatures.
import type { ParameterValue } from "../../scenario/types.ts";

export type RenderValues = Record<string, ParameterValue>;

const PLACEHOLDER = /^\{([a-z][a-z0-9_]*)((?:\|[a-z]+)*)\}/;

export function renderShellBlock(
  content: string,
  values: RenderValues,
): { script: string; env: Record<string, string> } {
  const env: Record<string, string> = {};
  let out = "";
  let quote: "none" | "single" | "double" = "none";
  for (let i = 0; i < content.length; i++) {
    const ch = content[i] as string;
    if (ch === "\\" && content[i + 1] === "{" && PLACEHOLDER.test(content.slice(i + 1))) {
      out += "{";
      i++;
      continue;
    }
    if (quote !== "single" && ch === "\\") {
      out += ch + (content[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === "'" && quote !== "double") quote = quote === "single" ? "none" : "single";
    else if (ch === '"' && quote !== "single") quote = quote === "double" ? "none" : "double";
    else if (ch === "{" && content[i - 1] !== "$") {
      const match = PLACEHOLDER.exec(content.slice(i));
      if (match) {
        const [whole, name = "", filterText = ""] = match;
        const filters = filterText.split("|").filter(Boolean);
        const variable = envName(name, filters);
        env[variable] = applyFilters(placeholderValue(values, name), filters);
        out +=
          quote === "none"
            ? `"\${${variable}}"`
            : quote === "double"
              ? `\${${variable}}`
              : `'"\${${variable}}"'`;
        i += whole.length - 1;
        continue;
      }
    }
    out += ch;
  }
  return { script: out, env };
}

export function renderTextValue(content: string, values: RenderValues): string {
  let out = "";
  for (let i = 0; i < content.length; i++) {
    const ch = content[i] as string;
    if (ch === "\\" && content[i + 1] === "{" && PLACEHOLDER.test(content.slice(i + 1))) {
      out += "{";
      i++;
      continue;
    }
    if (ch === "{" && content[i - 1] !== "$") {
      const match = PLACEHOLDER.exec(content.slice(i));
      if (match) {
        const [whole, name = "", filterText = ""] = match;
        out += applyFilters(placeholderValue(values, name), filterText.split("|").filter(Boolean));
        i += whole.length - 1;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

export function envName(name: string, filters: string[] = []): string {
  return ["SCENARIO_PARAM", name, ...filters].join("_").toUpperCase();
}

function placeholderValue(values: RenderValues, name: string): string {
  const value = values[name];
  if (value === undefined)
    throw new Error(`placeholder {${name}} has no value (the parser should have refused it)`);
  return String(value);
}

function words(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function applyFilters(value: string, filters: string[]): string {
  let out = value;
  for (const filter of filters) {
    const w = words(out);
    if (filter === "pascal") out = w.map(cap).join("");
    else if (filter === "camel") out = w.map((x, i) => (i === 0 ? x : cap(x))).join("");
    else if (filter === "snake") out = w.join("_");
    else if (filter === "kebab") out = w.join("-");
    else if (filter === "ident")
      out = /^[a-z_][a-z0-9_]*$/.test(out) ? out : `"${out.replaceAll('"', '""')}"`;
  }
  return out;
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
