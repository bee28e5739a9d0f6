// The steps of a learned draft, one pull request file at a time: added files as `file=` blocks (one
// step per folder), a one-line addition to an existing file as an `insert-line` step, and everything
// else (a change, a removal, a rename, a file not copied) as a manual step showing what was done.
import type { Code, RootContent } from "mdast";
import * as md from "../../../markdown/index.ts";
import type { DraftStep } from "../draft.ts";
import { shellQuote, shownPatch, singleAddedLine } from "./patch.ts";
import type { LearnedFile } from "./pull-request.ts";

/** Paths a shell word can hold unquoted (placeholders in them become quoted variables). */
export const SHELL_SAFE_PATH = /^[A-Za-z0-9._/@+-]+$/;
/** Paths a `file=` option can hold. */
export const BLOCK_SAFE_PATH = /^[^\s"'`{}\\]+$/;

const dirOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf("/")));
const langOf = (path: string) => /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? "text";

/** Text whose last line has no line ending: the block must say so, or the run would add one. */
const endsWithoutNewline = (text = "") => text !== "" && !text.endsWith("\n");

export function writeSteps(files: LearnedFile[]): DraftStep[] {
  const steps: DraftStep[] = [];
  let current: { dir: string; step: DraftStep } | undefined;
  for (const f of files) {
    const dir = dirOf(f.filename);
    const block: Code = {
      type: "code",
      lang: langOf(f.filename),
      meta: `file=${f.filename}${endsWithoutNewline(f.content) ? " no-final-newline" : ""}`,
      value: f.content ?? "",
    };
    const broken = f.syntaxError
      ? [`\`${f.filename}\` did not parse as merged (${f.syntaxError}): left out of the syntax check`]
      : [];
    if (current?.dir === dir) {
      current.step.content.push(block);
      current.step.name = `Write the files under ${dir || "the repository's root"}`;
      current.step.guesses.push(...broken);
      continue;
    }
    const step: DraftStep = {
      name: `Write ${f.filename}`,
      kind: "automated",
      content: [block],
      checklist: [],
      guesses: ["the files the pull request added, as they were at its merge commit", ...broken],
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
export function changeStep(f: LearnedFile, patchLines: number): DraftStep {
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
