// Finds the operation of GitHub's REST description a request is for, by method and path template, the
// way GitHub routes: a literal segment beats a parameter, and only `x-multi-segment` parameters (file
// paths, refs) may span slashes. Parameter values come back percent-decoded.
import type { SlimDescription, SlimOperation } from "./extract.ts";

type Segment = { literal: string } | { param: string; multi: boolean };

interface Template {
  operation: SlimOperation;
  segments: Segment[];
}

export interface RouteMatch {
  operation: SlimOperation;
  params: Record<string, string>;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The parameters, when `parts` fits `segments` (multi-segment parameters take as much as they can). */
function bindSegments(
  segments: Segment[],
  parts: string[],
  params: Record<string, string>,
): Record<string, string> | undefined {
  const [head, ...rest] = segments;
  if (!head) return parts.length === 0 ? params : undefined;
  if (parts.length === 0) return undefined;
  if ("literal" in head)
    return head.literal === parts[0] ? bindSegments(rest, parts.slice(1), params) : undefined;
  const widest = head.multi ? parts.length - rest.length : 1;
  for (let take = widest; take >= 1; take--) {
    const value = parts.slice(0, take);
    if (value.some((v) => v === "")) continue;
    const found = bindSegments(rest, parts.slice(take), { ...params, [head.param]: decode(value.join("/")) });
    if (found) return found;
  }
  return undefined;
}

export class OperationRouter {
  readonly #byMethod = new Map<string, Template[]>();

  constructor(description: SlimDescription) {
    for (const operation of Object.values(description.operations)) {
      const multi = new Set(operation.parameters.filter((p) => p.multiSegment).map((p) => p.name));
      const segments: Segment[] = operation.path
        .split("/")
        .slice(1)
        .map((s) => {
          const name = /^\{(.+)\}$/.exec(s)?.[1];
          return name ? { param: name, multi: multi.has(name) } : { literal: s };
        });
      const list = this.#byMethod.get(operation.method) ?? [];
      list.push({ operation, segments });
      this.#byMethod.set(operation.method, list);
    }
    // Where two templates fit, the one with a literal at the first place they differ wins.
    const rank = (s: Segment | undefined) => (s === undefined ? 3 : "literal" in s ? 0 : s.multi ? 2 : 1);
    for (const list of this.#byMethod.values()) {
      list.sort((a, b) => {
        for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
          const d = rank(a.segments[i]) - rank(b.segments[i]);
          if (d !== 0) return d;
        }
        return 0;
      });
    }
  }

  /** `rawPath` as sent, still percent-encoded, without the query. */
  match(method: string, rawPath: string): RouteMatch | undefined {
    const parts = rawPath.split("/").slice(1);
    for (const template of this.#byMethod.get(method) ?? []) {
      const params = bindSegments(template.segments, parts, {});
      if (params) return { operation: template.operation, params };
    }
    return undefined;
  }

  /** Methods GitHub has for this path (for a 404 that says "this path exists, not with that method"). */
  methodsFor(rawPath: string): string[] {
    return [...this.#byMethod.keys()].filter((m) => this.match(m, rawPath) !== undefined);
  }
}
