// Small mdast helpers for import: plain text of a node, and a deep copy whose text values are rewritten.
import type { Nodes, RootContent } from "mdast";

export function plainText(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("children" in node) return (node.children as Nodes[]).map(plainText).join("");
  return "";
}

/** A copy of `node` without positions, each text, code span and code block value passed through `rewrite`. */
export function rewriteNode<T extends Nodes | RootContent>(
  node: T,
  rewrite: (value: string, code: boolean) => string,
): T {
  const { position: _, ...rest } = node as Nodes & { position?: unknown };
  const copy = { ...rest } as Record<string, unknown>;
  if (node.type === "text" || node.type === "inlineCode") copy.value = rewrite(node.value, false);
  if (node.type === "code") {
    copy.value = rewrite(node.value, true);
    if (node.meta) copy.meta = rewrite(node.meta, false);
  }
  if ("children" in node) copy.children = (node.children as Nodes[]).map((c) => rewriteNode(c, rewrite));
  return copy as T;
}

/** Every text value under `node`, with whether it is code: what the names are guessed from. */
export function textsOf(node: Nodes | RootContent): { text: string; code: boolean }[] {
  if (node.type === "text" || node.type === "inlineCode") return [{ text: node.value, code: false }];
  if (node.type === "code")
    return [{ text: node.value, code: true }, ...(node.meta ? [{ text: node.meta, code: false }] : [])];
  if ("children" in node) return (node.children as Nodes[]).flatMap(textsOf);
  return [];
}
