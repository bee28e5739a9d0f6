// One markdown document -> a ScenarioDefinition, or every problem it has (never the first only).
import type { Heading, List, RootContent } from "mdast";
import type * as z from "zod";
import { ScenarioDocumentError } from "./errors.ts";
import { parseMarkdown, plainText, SourceText } from "./markdown.ts";
import { parseBlock } from "./parse-block.ts";
import { checkEstablishedBy, parseConditions } from "./parse-conditions.ts";
import type { ParseContext } from "./parse-context.ts";
import { headingSteps, notAScenario, strayBlocks } from "./parse-layout.ts";
import { parseMetadata } from "./parse-metadata.ts";
import { parseParameters } from "./parse-parameters.ts";
import { checkDocumentPlaceholders } from "./parse-placeholders.ts";
import { parseRollback, parseSteps } from "./parse-steps.ts";
import { ProblemList, sortProblems } from "./problems.ts";
import { scenarioSchema } from "./schema.ts";
import type { DocumentationSection, DocumentProblem, ScenarioDefinition, SourcePosition } from "./types.ts";

export interface ParseOptions {
  /** The path shown in problems. */
  file?: string;
  /** Documents under `templates/`: parsed and validated, never runnable. */
  template?: boolean;
}

export interface ParseResult {
  /** Present only when the document has no problem. */
  definition?: ScenarioDefinition;
  problems: DocumentProblem[];
  /** What a reader should know but is no failure: a document that is no scenario, documentation sections. */
  notes?: DocumentProblem[];
}

const SECTIONS: Record<string, string> = {
  metadata: "Metadata",
  parameters: "Parameters",
  preconditions: "Pre-Conditions",
  steps: "Steps",
  postvalidation: "Post-Validation",
  rollback: "Rollback",
  healthcheck: "Health Check",
};
const REQUIRED = ["metadata", "parameters", "steps", "postvalidation", "rollback"];
/** Top-level fields a section provides: when the section is missing, zod's complaints about them are noise. */
const SECTION_FIELDS: Record<string, string[]> = {
  metadata: [
    "id",
    "objectType",
    "complexity",
    "automation",
    "estimatedMinutes",
    "dependencies",
    "target",
    "triggers",
    "env",
  ],
  parameters: ["parameters"],
  steps: ["steps"],
  postvalidation: ["postValidation"],
  rollback: ["rollback"],
};

interface Section {
  key: string;
  heading: Heading;
  nodes: RootContent[];
}

export function parseScenario(input: string, options: ParseOptions = {}): ParseResult {
  const file = options.file ?? "<document>";
  // Windows checkouts and editors: CRLF would reach shell blocks as \r, and a BOM shifts every offset.
  const unmarked = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const text = unmarked.includes("\r") ? unmarked.replace(/\r\n?/g, "\n") : unmarked;
  const src = new SourceText(text, file);
  const ctx: ParseContext = {
    src,
    problems: new ProblemList(),
    fields: new Map(),
    texts: [],
    blocks: [],
    suppressed: new Set(),
    strays: new Map(),
  };
  const root = parseMarkdown(text);
  const docPosition: SourcePosition = { file, line: 1, column: 1 };
  const outside = notAScenario(root, file);
  if (outside) return { problems: [], notes: [outside] };
  const notes: DocumentProblem[] = [];
  const documentation: DocumentationSection[] = [];

  const [first, ...rest] = root.children;
  let title = "";
  if (first?.type === "heading" && first.depth === 1 && /^scenario:/i.test(plainText(first))) {
    title = plainText(first)
      .replace(/^scenario:\s*/i, "")
      .trim();
    ctx.fields.set("title", src.of(first));
  } else {
    ctx.problems.add(
      src.of(first),
      "a scenario document starts with `# Scenario: <title>`",
      "make the first line # Scenario: What it does",
    );
    ctx.suppressed.add("title");
  }
  const body = first?.type === "heading" && first.depth === 1 ? rest : root.children;

  const description: string[] = [];
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  let extra: { heading: Heading; name: string; nodes: RootContent[] } | undefined;
  const endExtra = () => {
    if (extra) documentation.push(documentationOf(extra.name, extra.heading, extra.nodes, src));
    extra = undefined;
  };
  for (const node of body) {
    if (node.type === "heading" && node.depth <= 2) {
      const name = plainText(node).trim();
      const key = name.toLowerCase().replace(/[^a-z]/g, "");
      current = undefined;
      endExtra();
      if (node.depth === 1) {
        ctx.problems.add(
          src.of(node),
          `a second # heading "${name}"`,
          "a document holds one scenario; use ## for sections",
        );
      } else if (!SECTIONS[key]) {
        notes.push({
          position: src.of(node),
          message: `"## ${name}" is documentation: kept and shown, never run`,
          hint: `the sections the engine reads: ${Object.values(SECTIONS).join(", ")}`,
        });
        extra = { heading: node, name, nodes: [] };
      } else if (sections.has(key)) {
        ctx.problems.add(src.of(node), `section "## ${name}" appears twice`, "merge the two into one");
      } else {
        current = { key, heading: node, nodes: [] };
        for (const field of SECTION_FIELDS[key] ?? []) ctx.fields.set(field, src.of(node));
        sections.set(key, current);
      }
    } else if (current) current.nodes.push(node);
    else if (extra) extra.nodes.push(node);
    else if (sections.size === 0 && node.type !== "html") description.push(src.raw(node));
  }

  endExtra();
  const suppressed = ctx.suppressed;
  for (const key of ["steps", "rollback", "preconditions", "postvalidation"]) {
    const section = sections.get(key);
    if (section) strayBlocks(section.nodes, ctx);
  }
  const stepsSection = sections.get("steps");
  const stepsAsHeadings = stepsSection ? headingSteps(stepsSection.nodes, ctx) : false;
  if (stepsAsHeadings) suppressed.add("steps");
  for (const key of REQUIRED) {
    if (!sections.has(key)) {
      ctx.problems.add(
        docPosition,
        `missing section "## ${SECTIONS[key]}"`,
        `add a ## ${SECTIONS[key]} section (see docs/scenario-format.md)`,
      );
      for (const field of SECTION_FIELDS[key] ?? []) suppressed.add(field);
    }
  }

  const lists = (key: string, ordered?: boolean): List[] => {
    const section = sections.get(key);
    if (!section) return [];
    const found = section.nodes.filter((n): n is List => n.type === "list");
    for (const list of found) {
      if (ordered !== undefined && Boolean(list.ordered) !== ordered) {
        const want = ordered ? "an ordered list (1. 2. 3.)" : "a bullet list (-)";
        ctx.problems.add(src.of(list), `## ${SECTIONS[key]} must be ${want}`, `rewrite the items as ${want}`);
      }
    }
    return found;
  };

  const metadata = sections.has("metadata")
    ? parseMetadata(lists("metadata"), src.of(sections.get("metadata")?.heading), ctx)
    : {};
  const parameters = parseParameters(lists("parameters"), ctx);
  const draft = {
    ...metadata,
    dependencies: metadata.dependencies ?? (sections.has("metadata") ? undefined : []),
    triggers: metadata.triggers ?? [],
    title,
    description: description.join("\n\n").trim(),
    parameters,
    preConditions: parseConditions(lists("preconditions", true), "Pre-Conditions", ctx),
    steps: stepsAsHeadings ? [] : parseSteps(lists("steps", true), ctx),
    postValidation: parseConditions(lists("postvalidation", true), "Post-Validation", ctx),
    rollback: parseRollback(lists("rollback", true), ctx),
    healthCheck: parseHealthCheck(sections.get("healthcheck"), ctx),
    ...(documentation.length ? { documentation } : {}),
    template: options.template ?? false,
    file,
    position: docPosition,
  };

  checkEstablishedBy(draft.preConditions, draft.dependencies ?? [], ctx);
  const parsed = scenarioSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      if (path.some((_, n) => suppressed.has(path.slice(0, n + 1).join(".")))) continue;
      const [message = "", ...hint] = issue.message.split("\n");
      const where = issuePosition(issue, draft, ctx.fields) ?? docPosition;
      ctx.problems.add(where, message, hint.length ? hint.join(" ") : undefined);
    }
  }
  checkDocumentPlaceholders(parameters, ctx);

  const problems = sortProblems(ctx.problems.items);
  const noted = notes.length ? { notes } : {};
  return problems.length === 0 && parsed.success
    ? { definition: parsed.data, problems, ...noted }
    : { problems, ...noted };
}

/** An extra section as written: its markdown from the first node after the heading to the last. */
function documentationOf(
  title: string,
  heading: Heading,
  nodes: RootContent[],
  src: SourceText,
): DocumentationSection {
  const start = nodes[0]?.position?.start.offset;
  const end = nodes.at(-1)?.position?.end.offset;
  const text = start === undefined || end === undefined ? "" : src.text.slice(start, end);
  return { title, text, position: src.of(heading) };
}

/** Parses a document or throws ScenarioDocumentError with every problem. */
export function parseScenarioOrThrow(text: string, options: ParseOptions = {}): ScenarioDefinition {
  const result = parseScenario(text, options);
  if (!result.definition) throw new ScenarioDocumentError(result.problems);
  return result.definition;
}

function parseHealthCheck(section: Section | undefined, ctx: ParseContext) {
  if (!section) return undefined;
  const codes = section.nodes.filter((n) => n.type === "code");
  if (codes.length !== 1) {
    ctx.problems.add(
      ctx.src.of(section.heading),
      `## Health Check must hold exactly one shell block, found ${codes.length}`,
      "write one ```bash block",
    );
  }
  return codes[0] ? parseBlock(codes[0], ctx) : undefined;
}

/** The source of the deepest field on the issue's path that we know a position for. */
function issuePosition(
  issue: z.core.$ZodIssue,
  draft: object,
  fields: Map<string, SourcePosition>,
): SourcePosition | undefined {
  const path = issue.path.map(String);
  for (let n = path.length; n >= 0; n--) {
    const known = fields.get(path.slice(0, n).join("."));
    if (known) return known;
    let node: unknown = draft;
    for (const key of path.slice(0, n)) node = (node as Record<string, unknown> | undefined)?.[key];
    const pos = (node as { position?: SourcePosition } | undefined)?.position;
    if (pos && typeof pos === "object" && "line" in pos) return pos;
  }
  return undefined;
}
