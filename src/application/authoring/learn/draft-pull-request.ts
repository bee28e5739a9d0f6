// A merged pull request as a draft scenario: each added file a `file=` block (grouped by folder), a
// one-line addition to an existing file an `insert-line` step, a syntax check of what was written,
// then any other change as a manual step showing its diff; the name that varies a parameter in every
// case it is written in. Every such decision is a guess kept beside its subject for the author.
import type { Code, List, ListItem, RootContent } from "mdast";
import * as md from "../../../markdown/index.ts";
import type { Complexity } from "../../../scenario/index.ts";
import { parseMarkdown } from "../../../scenario/index.ts";
import { SCENARIO_ID } from "../../../scenario/schema.ts";
import { type Draft, type DraftCondition, type DraftStep, kebabId, objectTypeOf } from "../draft.ts";
import { textsOf } from "../mdast.ts";
import { guessNames, type NameMap } from "../names.ts";
import { LEARN_LIMITS } from "./limits.ts";
import { shellQuote, shownPatch, singleAddedLine } from "./patch.ts";
import type { LearnedFile, LearnedPullRequest } from "./pull-request.ts";
import { exampleOf, findVaryingName, nameFinder, type VaryingName } from "./varying-name.ts";

/** Paths a shell word can hold unquoted (placeholders in them become quoted variables). */
const SHELL_SAFE_PATH = /^[A-Za-z0-9._/@+-]+$/;
/** Paths a `file=` option can hold. */
const BLOCK_SAFE_PATH = /^[^\s"'`{}\\]+$/;
const SYNTAX_CHECKED = /\.(ts|mts|cts|tsx|js|jsx|mjs|cjs|json)$/;
const MAX_ID = 60;

const dirOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf("/")));
const langOf = (path: string) => /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? "text";

function writeSteps(files: LearnedFile[]): DraftStep[] {
  const steps: DraftStep[] = [];
  let current: { dir: string; step: DraftStep } | undefined;
  for (const f of files) {
    const dir = dirOf(f.filename);
    const block: Code = {
      type: "code",
      lang: langOf(f.filename),
      meta: `file=${f.filename}`,
      value: f.content ?? "",
    };
    if (current?.dir === dir) {
      current.step.content.push(block);
      current.step.name = `Write the files under ${dir || "the repository's root"}`;
      continue;
    }
    const step: DraftStep = {
      name: `Write ${f.filename}`,
      kind: "automated",
      content: [block],
      checklist: [],
      guesses: ["the files the pull request added, as they were at its merge commit"],
    };
    steps.push(step);
    current = { dir, step };
  }
  return steps;
}

function manualStep(name: string, item: string, guess: string, content: RootContent[] = []): DraftStep {
  return { name, kind: "manual", content, checklist: [item], guesses: [guess] };
}

function diffBlock(f: LearnedFile, patchLines: number): RootContent[] {
  if (!f.patch)
    return [md.paragraph("GitHub shows no diff for it (binary or too large): see the pull request.")];
  if (patchLines === 0)
    return [md.paragraph("Its diff is in the pull request (left out to keep this document small).")];
  const shown = shownPatch(f.patch, patchLines);
  const blocks: RootContent[] = [{ type: "code", lang: "diff", value: shown.text }];
  if (shown.omitted)
    blocks.push(md.paragraph(`${shown.omitted} more lines of the diff are in the pull request.`));
  return blocks;
}

/** A file the pull request changed, removed or renamed, or added but could not be copied. */
function changeStep(f: LearnedFile, patchLines: number): DraftStep {
  const path = md.code(f.filename);
  switch (f.status) {
    case "added":
      return manualStep(
        `Add ${f.filename}`,
        `Add \`${f.filename}\` as the pull request did`,
        `not copied: ${f.notCopied ?? "no text"}`,
      );
    case "removed":
      return manualStep(
        `Remove ${f.filename}`,
        `Remove \`${f.filename}\` if this change needs it too`,
        "the pull request removed this file; a later run may not need to",
      );
    case "renamed":
      return manualStep(
        `Rename ${f.previousFilename ?? "?"} to ${f.filename}`,
        `Rename \`${f.previousFilename ?? "?"}\` to \`${f.filename}\` if this change needs it too`,
        "the pull request renamed this file; a later run may not need to",
        f.patch ? diffBlock(f, patchLines) : [],
      );
    default: {
      const insert = singleAddedLine(f.patch);
      if (insert && SHELL_SAFE_PATH.test(f.filename)) {
        const where =
          "after" in insert.anchor
            ? `--after ${shellQuote(insert.anchor.after)}`
            : `--before ${shellQuote(insert.anchor.before)}`;
        return {
          name: `Add a line to ${f.filename}`,
          kind: "automated",
          content: [
            {
              type: "code",
              lang: "bash",
              value: `"$SCENARIO_CLI" insert-line ${f.filename} --literal ${where} --line ${shellQuote(insert.line)}`,
            },
          ],
          checklist: [],
          guesses: [
            `the pull request added this one line to an existing file; it goes ${"after" in insert.anchor ? "after" : "before"} the line it was next to there`,
          ],
        };
      }
      return manualStep(
        `Change ${f.filename} as the pull request did`,
        `Make the change shown to \`${f.filename}\``,
        "the pull request changed this existing file: left to a person, with its diff",
        [md.paragraph("The pull request's change to ", path, ":"), ...diffBlock(f, patchLines)],
      );
    }
  }
}

/** The pull request's description, as documentation: its paragraphs and lists, no headings, no HTML. */
function descriptionOf(body: string): RootContent[] {
  const text = body.replace(/\r\n?/g, "\n").slice(0, LEARN_LIMITS.bodyChars);
  const strip = <T extends RootContent | ListItem>(node: T): T => {
    const { position: _, ...rest } = node as T & { position?: unknown };
    const copy = { ...rest } as Record<string, unknown>;
    if (node.type === "listItem") delete copy.checked;
    if ("children" in node)
      copy.children = (node.children as RootContent[]).filter((c) => c.type !== "html").map(strip);
    return copy as T;
  };
  return parseMarkdown(text)
    .children.filter((n) => n.type === "paragraph" || n.type === "list")
    .map((n) => strip(n as RootContent) as RootContent)
    .filter((n) => n.type !== "list" || (n as List).children.length > 0);
}

/** The title with the name that varies written as what it names (`Add FormatterService` -> `Add service`). */
function generalTitle(title: string, name: VaryingName | undefined): string {
  const flat = title.replace(/\s+/g, " ").trim();
  if (!name) return flat;
  // A one-word name says nothing of what it names (`Add classification page`): the title keeps it.
  if (name.words.length < 2) return flat;
  const kind = name.words.at(-1) as string;
  let out = "";
  let last = 0;
  for (const o of nameFinder(name)(flat, false)) {
    out += flat.slice(last, o.start) + kind;
    last = o.end;
  }
  return out + flat.slice(last);
}

function idFor(title: string, number: number, taken: ReadonlySet<string>): string {
  let id = kebabId(title);
  if (id.length > MAX_ID) id = id.slice(0, MAX_ID).replace(/-[^-]*$/, "");
  if (!SCENARIO_ID.test(id)) id = `learned-from-pr-${number}`;
  return taken.has(id) ? `${id}-from-pr-${number}` : id;
}

function complexityOf(steps: number): Complexity {
  return steps <= 3 ? "simple" : steps <= 7 ? "medium" : "complex";
}

/** How much of the change a draft holds: lines of each diff shown, bytes of added files copied. */
export interface DraftFit {
  patchLines: number;
  copyBytes: number;
}

/** Added files copied in order while they fit in `copyBytes`; the rest say why they were not. */
function withinBudget(files: LearnedFile[], copyBytes: number): LearnedFile[] {
  let left = copyBytes;
  return files.map((f) => {
    if (f.content === undefined) return f;
    left -= Buffer.byteLength(f.content);
    if (left >= 0) return f;
    const { content: _, ...rest } = f;
    return {
      ...rest,
      notCopied: "left out to keep this document within the size a scenario document may have",
    };
  });
}

export function draftOfPullRequest(pr: LearnedPullRequest, taken: ReadonlySet<string>, fit: DraftFit): Draft {
  const files = withinBudget(pr.files, fit.copyBytes)
    .filter((f) => f.status !== "unchanged")
    .map((f): LearnedFile => {
      if (f.status !== "added" || f.content === undefined || BLOCK_SAFE_PATH.test(f.filename)) return f;
      const { content: _, ...rest } = f;
      return {
        ...rest,
        notCopied: "its path holds a space, a quote, a brace or a backslash, which file= cannot",
      };
    });
  const copied = files.filter((f) => f.status === "added" && f.content !== undefined);
  // What runs comes first (writes, inserted lines, their check); what a person does, last: the run
  // does everything it can and then waits for them.
  const changes = files.filter((f) => !copied.includes(f)).map((f) => changeStep(f, fit.patchLines));
  const steps: DraftStep[] = [...writeSteps(copied), ...changes.filter((s) => s.kind !== "manual")];
  const written = [
    ...copied.map((f) => f.filename),
    ...files
      .filter((f) => f.status !== "added" && f.status !== "removed" && singleAddedLine(f.patch))
      .map((f) => f.filename),
  ].filter((p) => SHELL_SAFE_PATH.test(p));
  const checked = written.filter((p) => SYNTAX_CHECKED.test(p));
  if (checked.length) {
    steps.push({
      name: "Check the syntax of what was written",
      kind: "validation",
      content: [{ type: "code", lang: "bash", value: `"$SCENARIO_CLI" check-syntax ${checked.join(" ")}` }],
      checklist: [],
      guesses: ["a syntax check of the files written; add the repository's own build or tests"],
    });
  }
  steps.push(...changes.filter((s) => s.kind === "manual"));

  const name = findVaryingName(files);
  const finder = name ? nameFinder(name) : () => [];
  const createdPaths = copied.map((f) => f.filename).filter((p) => SHELL_SAFE_PATH.test(p));
  // The first folder holding the name is new: a later run must not find it there already.
  const fresh = name && createdPaths.map((p) => newFolder(p, finder)).find((d) => d !== undefined);
  const preConditions: DraftCondition[] = fresh
    ? [
        {
          text: `\`${fresh}\` does not exist yet`,
          check: `test ! -e ${fresh}`,
          guess: "derived from the first folder the pull request added",
        },
      ]
    : [];
  const postValidation: DraftCondition[] = createdPaths.length
    ? [
        {
          text: "The files the pull request added exist",
          check: createdPaths.map((p) => `test -f ${p}`).join(" && "),
          guess: "derived from the files the pull request added",
        },
      ]
    : [
        {
          text: "The change does what the pull request did",
          guess: "nothing the pull request added can be checked",
        },
      ];
  const rollback = [
    { name: "Nothing beyond resetting the branch to its base, which the engine does", content: [] },
  ];

  const texts = [
    ...steps.flatMap((s) => [
      { text: s.name, code: false },
      ...s.content.flatMap(textsOf),
      ...s.checklist.map((text) => ({ text, code: false })),
    ]),
    ...[...preConditions, ...postValidation].flatMap((c) => [
      { text: c.text, code: false },
      ...(c.check ? [{ text: c.check, code: true }] : []),
    ]),
  ];
  const names: NameMap = guessNames(texts, finder);
  for (const p of names.parameters)
    if (name && p.name === name.parameter) p.example = exampleOf(name, p.base);

  const title = generalTitle(pr.title, name) || `Learned from pull request #${pr.number}`;
  const objectType = objectTypeOf(`${title} ${copied.map((f) => f.filename).join(" ")}`);
  const complexity = complexityOf(steps.length);
  return {
    id: idFor(title, pr.number, taken),
    title,
    description: descriptionOf(pr.body),
    objectType,
    complexity,
    metaGuesses: [
      `id and title from the pull request's title${name ? `, with \`${name.value}\` written as what it names` : ""}`,
      `object type ${objectType} from the title and the added files`,
      `complexity ${complexity} from the number of steps`,
      "dependencies none: list the scenarios this one needs",
    ],
    parameters: names.parameters,
    preConditions,
    steps,
    postValidation,
    rollback,
    documentation: [],
    names,
  };
}

/** The shortest folder of `path` whose own name holds the name that varies. */
function newFolder(path: string, finder: ReturnType<typeof nameFinder>): string | undefined {
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i++) {
    if (finder(parts[i - 1] as string, false).length) return parts.slice(0, i).join("/");
  }
  return undefined;
}
