// A new scenario document from the template of its object type: the shipped catalog's
// `templates/` folder is read when the command runs (so edited templates are used as they are),
// the id and title are set, and the template's own instructions give way to a description to fill.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { findIdLine, type ObjectType, parseScenario } from "../../../scenario/index.ts";
import { PROXY_SKELETON } from "./proxy-skeleton.ts";

export interface NewDocument {
  text: string;
  /** Where the text came from: a template file, or the built-in proxy skeleton. */
  from: string;
}

/** The template text for `type`: the template whose Object Type it is, else the built-in skeleton (proxy). */
export async function templateFor(type: ObjectType, templatesDir: string): Promise<NewDocument | undefined> {
  const names = (await readdir(templatesDir).catch(() => [] as string[]))
    .filter((n) => n.endsWith(".md"))
    .sort();
  for (const name of names) {
    const text = await readFile(join(templatesDir, name), "utf8");
    const def = parseScenario(text, { file: name, template: true }).definition;
    if (def?.objectType === type) return { text, from: `scenario-bot's templates/${name}` };
  }
  return type === "proxy" ? { text: PROXY_SKELETON, from: "the built-in proxy skeleton" } : undefined;
}

/** `add-search-proxy` -> `Add search proxy`. */
export function titleOf(id: string): string {
  const words = id.split("-").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The template with the new id and title, its description replaced by one to write. */
export function fillTemplate(template: string, id: string): string {
  const text = template.replace(/\r\n?/g, "\n");
  const found = findIdLine(text);
  if (!found) throw new Error("the template declares no **ID**");
  const withId = text.slice(0, found.offset) + id + text.slice(found.offset + found.id.length);
  const firstSection = withId.search(/^## /m);
  const head = `# Scenario: ${titleOf(id)}\n\n[What this scenario changes, when to use it, and what a reviewer should look at.]\n\n`;
  return head + withId.slice(firstSection);
}

/**
 * The template's dependencies that `known` holds; the others are dropped from the Dependencies line
 * (a dependency the catalog lacks is a problem), and returned so the person is told.
 */
export function keepKnownDependencies(
  text: string,
  known: ReadonlySet<string>,
): { text: string; dropped: string[] } {
  const line = /^([ \t]*[-*][ \t]+\*\*Dependencies\*\*:[ \t]*)(.*)$/m.exec(text);
  if (!line) return { text, dropped: [] };
  const entries = [...(line[2] as string).matchAll(/`([a-z0-9-]+)`(\s*\([a-z]+\))?/g)];
  const dropped = entries.filter((e) => !known.has(e[1] as string)).map((e) => e[1] as string);
  if (dropped.length === 0) return { text, dropped };
  const kept = entries.filter((e) => known.has(e[1] as string)).map((e) => e[0]);
  const value = kept.length ? kept.join(", ") : "none";
  const start = line.index + (line[1] as string).length;
  return { text: text.slice(0, start) + value + text.slice(start + (line[2] as string).length), dropped };
}
