// A merged pull request as a draft scenario: each added file a `file=` block (grouped by folder), a
// one-line addition to an existing file an `insert-line` step, a syntax check of what was written,
// then any other change as a manual step showing its diff; the name that varies a parameter in every
// case it is written in. Every such decision is a guess kept beside its subject for the author.
import { syntaxChecked } from "../../../syntax/check.ts";
import { type Draft, type DraftCondition, type DraftStep, objectTypeOf } from "../draft.ts";
import { textsOf } from "../mdast.ts";
import { guessNames, type NameMap } from "../names.ts";
import { complexityOf, descriptionOf, generalTitle, idFor } from "./metadata.ts";
import { singleAddedLine } from "./patch.ts";
import type { LearnedFile, LearnedPullRequest } from "./pull-request.ts";
import { BLOCK_SAFE_PATH, changeStep, SHELL_SAFE_PATH, writeSteps } from "./steps.ts";
import { exampleOf, findVaryingName, nameFinder } from "./varying-name.ts";

/** How much of the change a draft holds: lines of each diff shown, bytes of added files copied. */
export interface DraftFit {
  patchLines: number;
  copyBytes: number;
}

/**
 * Added files copied in order, each that still fits in what `copyBytes` leaves; the rest say why they
 * were not. One large file does not keep the smaller ones after it out (a backup copy of a page beside
 * the new module it was replaced by).
 */
function withinBudget(files: LearnedFile[], copyBytes: number): LearnedFile[] {
  let left = copyBytes;
  return files.map((f) => {
    if (f.content === undefined) return f;
    const size = Buffer.byteLength(f.content);
    if (size <= left) {
      left -= size;
      return f;
    }
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
  // A file that did not parse when merged would fail every run's check: its write step says so instead.
  const broken = new Set(copied.filter((f) => f.syntaxError).map((f) => f.filename));
  const checked = written.filter((p) => syntaxChecked(p) && !broken.has(p));
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
  // The first folder holding the name: one the pull request made must not be there yet for a later
  // run; one it added files into (it was there before) must be.
  const named = name && foldersNamed(createdPaths, finder)[0];
  const preConditions: DraftCondition[] = !named
    ? []
    : pr.existedBefore?.includes(named)
      ? [
          {
            text: `\`${named}\` exists`,
            check: `test -d ${named}`,
            guess: "the pull request added files into this folder, which was there before it",
          },
        ]
      : [
          {
            text: `\`${named}\` does not exist yet`,
            check: `test ! -e ${named}`,
            guess: "derived from the first folder the pull request added",
          },
        ];
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
  const names: NameMap = guessNames(texts, finder, true);
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

/**
 * The folders a draft's pre-condition may name: for each added file, the shortest folder whose own name
 * holds the name that varies. `/scenario learn` asks GitHub which were there before the pull request.
 */
export function namedFolders(files: readonly LearnedFile[]): string[] {
  const name = findVaryingName(files);
  if (!name) return [];
  const added = files.filter((f) => f.status === "added").map((f) => f.filename);
  return foldersNamed(
    added.filter((p) => SHELL_SAFE_PATH.test(p)),
    nameFinder(name),
  );
}

/** For each path, in order and once each, the shortest folder whose own name holds the name. */
function foldersNamed(paths: readonly string[], finder: ReturnType<typeof nameFinder>): string[] {
  const folders = paths.map((p) => newFolder(p, finder)).filter((d): d is string => d !== undefined);
  return [...new Set(folders)];
}

/** The shortest folder of `path` whose own name holds the name that varies. */
function newFolder(path: string, finder: ReturnType<typeof nameFinder>): string | undefined {
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i++) {
    if (finder(parts[i - 1] as string, false).length) return parts.slice(0, i).join("/");
  }
  return undefined;
}
