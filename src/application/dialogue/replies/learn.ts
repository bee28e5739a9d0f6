// The replies to `/scenario learn`: why it will not draft here and what to do instead, or where the
// draft is (its pull request, or its branch when the token may not open one) and what to check in it.
import { code, inline, link, list, paragraph, render } from "../../../markdown/index.ts";
import { type DocumentProblem, formatProblem } from "../../../scenario/index.ts";
import type { LearnedDraft } from "../../authoring/learn/learn.ts";
import { LEARN_LIMITS } from "../../authoring/learn/limits.ts";
import type { ProposalOutcome, PullRequestFacts } from "../authoring-port.ts";

const NEW = code("scenario new <id> --type <type>");

export const refusals = {
  notAPullRequest: inline(
    code("/scenario learn"),
    " drafts a scenario from a merged pull request's change, and this is not a pull request. Comment it on the merged pull request whose change a scenario should repeat; to start a document from nothing, run ",
    NEW,
    ".",
  ),
  open: inline(
    "this pull request is not merged yet, and ",
    code("/scenario learn"),
    " drafts only from a merged change, so that the scenario repeats what was accepted. Comment it again once the pull request is merged.",
  ),
  closed: inline(
    "this pull request was closed without being merged, and ",
    code("/scenario learn"),
    " drafts only from a merged change. Comment it on the pull request that was merged instead.",
  ),
  tooLarge: (files: number, lines: number) =>
    inline(
      `this pull request changes ${files} files and ${lines} lines; `,
      code("/scenario learn"),
      ` reads at most ${LEARN_LIMITS.files} files and ${LEARN_LIMITS.lines} changed lines, because a larger change is more than one recipe. Learn from a smaller pull request that makes one such change, or start a document with `,
      NEW,
      ".",
    ),
  mayNotWrite: (path: string, message: string) =>
    inline(
      "the draft ",
      code(path),
      ` was made, but GitHub refused to let scenario-bot write it (${message.split(" - ")[0]}). Its token needs `,
      code("contents: write"),
      " and ",
      code("pull-requests: write"),
      ": the App's permissions (accept its updated permissions in the installation's settings), or the ",
      code("permissions:"),
      " of the scenario workflow's job.",
    ),
  invalid: (problems: DocumentProblem[]) =>
    render([
      paragraph(
        "the draft made from this pull request does not pass ",
        code("scenario validate"),
        ", so it was not proposed:",
      ),
      list(problems.slice(0, 10).map((p) => code(formatProblem(p)))),
      paragraph(
        "This is scenario-bot's fault, not the pull request's: please report it with a link to this pull request.",
      ),
    ]),
};

const branchPath = (branch: string) => branch.split("/").map(encodeURIComponent).join("/");

export function draftedReply(o: {
  pr: PullRequestFacts;
  learned: LearnedDraft;
  branch: string;
  base: string;
  outcome: ProposalOutcome;
}): string {
  const { pr, learned, branch, base, outcome } = o;
  const pull = (n: number) => `${pr.repoUrl}/pull/${n}`;
  const tree = `${pr.repoUrl}/tree/${branchPath(branch)}`;
  const compare = `${pr.repoUrl}/compare/${branchPath(base)}...${branchPath(branch)}?expand=1`;
  if (outcome.kind === "exists") {
    return outcome.pullRequest
      ? inline(
          `a draft from this pull request is already proposed in #${outcome.pullRequest} (`,
          link(pull(outcome.pullRequest), pull(outcome.pullRequest)),
          "); nothing new was written. To draft again, close it and delete the branch ",
          code(branch),
          ".",
        )
      : inline(
          "the branch ",
          code(branch),
          " already holds a draft from this pull request (",
          link(tree, tree),
          "); nothing new was written. Open a pull request from it (",
          link(compare, compare),
          "), or delete it to draft again.",
        );
  }
  const where =
    outcome.kind === "opened"
      ? paragraph(
          "drafted ",
          code(learned.path),
          ` from this pull request and opened #${outcome.pullRequest} to add it: `,
          link(pull(outcome.pullRequest), pull(outcome.pullRequest)),
        )
      : paragraph(
          "drafted ",
          code(learned.path),
          " on the branch ",
          code(branch),
          " (",
          link(tree, tree),
          "), but GitHub did not let this workflow's GITHUB_TOKEN open its pull request. Open it by hand: ",
          link(compare, compare),
          ` ; or turn on "${outcome.setting}" (Settings > Actions > General > Workflow permissions).`,
        );
  const facts = [
    ...learned.parameters.map((p) => [
      "parameter ",
      code(p.name),
      " stands for ",
      ...p.spellings.flatMap((s, i) => (i ? [", ", code(s)] : [code(s)])),
    ]),
    ...(learned.parameters.length ? [] : [["no name that varies was found, so it has no parameters"]]),
    [
      `${learned.steps} steps, ${learned.automated} automated; ${learned.guesses} guesses are marked `,
      code("learn: guessed"),
      " for you to check",
    ],
    ["it passes ", code("scenario validate")],
  ];
  return render([where, list(facts)]);
}
