// `/scenario learn` on a merged pull request: read its change (bounded), draft a scenario from it
// (application/authoring/learn, pure), and propose the draft as a pull request adding it under the
// scenarios folder, on a branch of its own. Guards first: a pull request, the author's role, merged,
// small enough; each refusal says why and what to do instead.
import type { LearnCommand } from "../../command/index.ts";
import { code, inline, mention } from "../../markdown/index.ts";
import { namedFolders } from "../authoring/learn/draft-pull-request.ts";
import { type LearnedDraft, learnFromPullRequest } from "../authoring/learn/learn.ts";
import { LEARN_LIMITS } from "../authoring/learn/limits.ts";
import type { LearnedFile } from "../authoring/learn/pull-request.ts";
import { noteSyntaxErrors } from "../authoring/learn/syntax.ts";
import type { Answer, Turn } from "./answer-comment.ts";
import type {
  AuthoringPort,
  ProposalOutcome,
  PullRequestFacts,
  PullRequestFileEntry,
} from "./authoring-port.ts";
import { draftedReply, refusals } from "./replies/learn.ts";

/** Added files read at once from GitHub. */
const READS_AT_ONCE = 6;
/** Folders asked about: the draft's pre-condition names the first. */
const MAX_FOLDERS_ASKED = 3;

export async function learnCommand(turn: Turn, command: LearnCommand): Promise<Answer> {
  const { host, origin, repo } = turn;
  const refuse = async (body: string): Promise<Answer> => {
    await turn.post(command, body);
    return "refused";
  };
  if (!origin.onPullRequest) return refuse(refusals.notAPullRequest);
  const decision = await turn.authorise("draft a scenario from a pull request");
  if (!decision.allowed) return refuse(decision.reason.replace(/^@\S+: /, ""));
  const pr = await host.authoring.pullRequest(origin.issueNumber);
  if (!pr) return refuse(refusals.notAPullRequest);
  if (!pr.merged || !pr.mergeCommitSha) return refuse(pr.state === "open" ? refusals.open : refusals.closed);
  const lines = pr.additions + pr.deletions;
  if (pr.changedFiles > LEARN_LIMITS.files || lines > LEARN_LIMITS.lines)
    return refuse(refusals.tooLarge(pr.changedFiles, lines));

  const entries = await host.authoring.files(pr.number, LEARN_LIMITS.files);
  const files = await withAddedText(host.authoring, entries, pr.mergeCommitSha);
  await noteSyntaxErrors(files);
  const learned = learnFromPullRequest(
    {
      number: pr.number,
      title: pr.title,
      body: pr.body,
      url: pr.url,
      files,
      existedBefore: await existedBefore(host.authoring, files, pr.baseSha),
    },
    { scenariosDir: repo.config.scenariosDir, takenIds: new Set(repo.catalog.ids()) },
  );
  if (learned.problems.length) return refuse(refusals.invalid(learned.problems));
  const branch = `${repo.config.branchPrefix}learn/pr-${pr.number}`;
  let outcome: ProposalOutcome;
  try {
    outcome = await host.authoring.propose({
      branch,
      base: repo.defaultBranch,
      path: learned.path,
      content: learned.text,
      message: `Draft scenario ${learned.id} from #${pr.number} (/scenario learn)`,
      title: `Scenario draft: ${learned.id} (learned from #${pr.number})`,
      body: proposalBody(pr, learned, origin.author),
    });
  } catch (error) {
    // A token without `contents: write` (an older installation, a workflow's narrower `permissions:`).
    if ((error as { status?: number }).status !== 403) throw error;
    return refuse(refusals.mayNotWrite(learned.path, (error as Error).message));
  }
  await turn.post(command, draftedReply({ pr, learned, branch, base: repo.defaultBranch, outcome }));
  return outcome.kind === "exists" ? "answered" : "drafted";
}

/** Of the folders the draft may name, those the pull request's base already had (a few requests at most). */
async function existedBefore(
  authoring: AuthoringPort,
  files: LearnedFile[],
  base: string,
): Promise<string[]> {
  const folders = namedFolders(files).slice(0, MAX_FOLDERS_ASKED);
  const there = await Promise.all(folders.map((f) => authoring.exists(f, base)));
  return folders.filter((_, i) => there[i]);
}

/** The files with each added one's text at the merge commit, when it is text of a size to copy. */
async function withAddedText(
  authoring: AuthoringPort,
  entries: PullRequestFileEntry[],
  sha: string,
): Promise<LearnedFile[]> {
  const files: LearnedFile[] = entries.map((e) => ({ ...e }));
  const added = files.filter((f) => f.status === "added");
  for (let i = 0; i < added.length; i += READS_AT_ONCE) {
    await Promise.all(
      added.slice(i, i + READS_AT_ONCE).map(async (f) => {
        if (f.additions > LEARN_LIMITS.fileLines) {
          f.notCopied = `${f.additions} lines, more than the ${LEARN_LIMITS.fileLines} copied into a draft`;
          return;
        }
        const read = await authoring.fileText(f.filename, sha, LEARN_LIMITS.fileBytes);
        if ("text" in read) f.content = read.text;
        else f.notCopied = read.skipped;
      }),
    );
  }
  return files;
}

/** The draft's pull request: where it comes from, who asked, and what to check. */
function proposalBody(pr: PullRequestFacts, learned: LearnedDraft, author: string): string {
  const params = learned.parameters.map((p) =>
    inline(code(p.name), " stands for ", ...p.spellings.flatMap((s, i) => (i ? [", ", code(s)] : [code(s)]))),
  );
  return [
    inline("Drafted by ", code("/scenario learn"), ` from #${pr.number}, asked for by ${mention(author)}.`),
    "",
    inline(
      "Every guess in the document is an HTML comment marked ",
      code("learn: guessed"),
      ": check each one, then delete those comments. The draft passes ",
      code("scenario validate"),
      "; this pull request's checks validate it again.",
    ),
    "",
    ...(params.length
      ? params.map((p) => `- ${p}`)
      : ["- no name that varies was found: the draft has no parameters"]),
    `- ${learned.steps} steps, ${learned.automated} automated; ${learned.guesses} guesses to check`,
  ].join("\n");
}
