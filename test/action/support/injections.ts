// Finds `${{ github.event.* }}`, `${{ inputs.* }}` (and other attacker-controlled contexts) inside
// `run:` scripts, where the runner pastes them into shell text before the shell runs.
import { parse } from "yaml";

const UNTRUSTED = /\$\{\{\s*(github\.event\.|inputs\.|github\.head_ref|env\.[A-Z_]*(TITLE|BODY))[^}]*\}\}/g;

export function findInjections(workflowText: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, `${path}[${i}]`);
      });
    } else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        const here = path ? `${path}.${key}` : key;
        if (key === "run" && typeof value === "string") {
          for (const match of value.matchAll(UNTRUSTED)) found.push(`${here}: ${match[0]}`);
        } else {
          visit(value, here);
        }
      }
    }
  };
  visit(parse(workflowText), "");
  return found;
}
