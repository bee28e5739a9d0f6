// One side of the App's delivery benchmark (bench/suites/app-deliveries.ts), in a process of its own so
// that its peak resident memory is its own: `app` (scenario-bot's App) or `floor` (the least a handler
// can do for the same command: the App's five GitHub requests and its two PostgreSQL writes, overlapped
// as the App overlaps them, and nothing else). Both talk to the same GitHub fake and the same database.
// Driven over IPC by the suite: {deliver: i} -> {ms}, {end: true} -> {rssKb} and exit.
import { generateKeyPairSync } from "node:crypto";
import { pino } from "pino";
import { Probot } from "probot";
import { reply } from "../../src/application/dialogue/replies/markdown.ts";
import { planReply } from "../../src/application/dialogue/replies/plan.ts";
import { shippedCatalog, shippedFiles } from "../../src/application/repository/index.ts";
import { buildPlan, newRunId } from "../../src/engine/index.ts";
import { createApp } from "../../src/github-app/app.ts";
import { RepoCatalogs } from "../../src/github-app/catalog/repo-catalogs.ts";
import { asyncCommitUrl, sqlDeliveryLog } from "../../src/github-app/delivery-log.ts";
import { type Db, recordDelivery, SqlRunStore } from "../../src/store/index.ts";
import { openPostgres } from "../../src/store/postgres-db.ts";
import { UnthrottledOctokit } from "../../test/support/github-fake/probot-octokit.ts";
import { installationCommentCreated } from "../../test/support/webhook-payloads.ts";

export type Role = "app" | "floor";
export type Request = { deliver: number; id: string } | { end: true };
export type Response = { ms: number } | { rssKb: number } | { error: string };

export const SCENARIO = "add-rls-policies";
export const command = (i: number) => `/scenario ${SCENARIO} table=t${i}`;

const DISPATCH_INPUTS = {
  scenario: SCENARIO,
  params: "{}",
  "run-id": "x",
  command: "run",
  "issue-number": "1",
};

/** The reply the App posts for the command, rendered once: the floor sends the same bytes. */
async function appReply(): Promise<string> {
  const plan = buildPlan({
    catalog: await shippedCatalog(),
    scenarioId: SCENARIO,
    rawParams: { table: "t1" },
    runId: newRunId(),
    now: new Date(),
  });
  return reply("Codertocat", command(1), planReply(plan, "starting"));
}

/**
 * The floor: record the delivery id (write 1) while the commenter's permission is asked, 👀, the run
 * recorded `queued` holding its target's lock (write 2, the App's own statement), then the dispatch
 * (and the 🚀 after it) together with the reply, as the App does.
 */
function floorApp(db: Db, replyBody: string) {
  const store = new SqlRunStore({ db });
  return (app: Probot) => {
    app.on("issue_comment.created", async (context) => {
      const repo = context.repo();
      const comment_id = context.payload.comment.id;
      const permission = context.octokit.rest.repos.getCollaboratorPermissionLevel({
        ...repo,
        username: context.payload.comment.user?.login ?? "",
      });
      permission.catch(() => undefined);
      if (!(await recordDelivery(db, context.id, context.name))) return;
      const eyes = context.octokit.rest.reactions.createForIssueComment({
        ...repo,
        comment_id,
        content: "eyes",
      });
      const { data } = await permission;
      if (data.role_name === "none") return;
      const now = new Date();
      const id = newRunId(now);
      const target = `floor-${context.id}`;
      const run = {
        id,
        scenarioId: SCENARIO,
        params: { table: target },
        status: "queued" as const,
        repository: `${repo.owner}/${repo.repo}`,
        target,
        branch: `scenario/${SCENARIO}/${id}`,
        baseBranch: context.payload.repository.default_branch,
        issueNumber: context.payload.issue.number,
        triggeredBy: context.payload.comment.user?.login ?? "ghost",
      };
      const lock = await store.queueRun(run, `${run.repository}#${SCENARIO}#${target}`);
      if (!lock.acquired) return;
      await Promise.all([
        (async () => {
          await context.octokit.rest.actions.createWorkflowDispatch({
            ...repo,
            workflow_id: "scenario.yml",
            ref: context.payload.repository.default_branch,
            inputs: DISPATCH_INPUTS,
          });
          await context.octokit.rest.reactions.createForIssueComment({
            ...repo,
            comment_id,
            content: "rocket",
          });
        })(),
        context.octokit.rest.issues.createComment({
          ...repo,
          issue_number: context.payload.issue.number,
          body: replyBody,
        }),
        eyes,
      ]);
    });
  };
}

async function start(role: Role, fakeUrl: string, databaseUrl: string): Promise<Probot> {
  // The App's connection commits asynchronously, as in production (src/github-app/delivery-log.ts);
  // the floor's the same way, so both write alike.
  const db = await openPostgres(asyncCommitUrl(databaseUrl));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const probot = new Probot({
    appId: 1,
    privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    baseUrl: fakeUrl,
    Octokit: UnthrottledOctokit,
    log: pino({ level: "warn" }),
  });
  if (role === "floor") {
    probot.load(floorApp(db, await appReply()));
  } else {
    const shipped = await shippedFiles();
    probot.load(
      createApp({
        store: new SqlRunStore({ db }),
        deliveries: sqlDeliveryLog(db),
        catalogs: new RepoCatalogs({ shipped: async () => shipped }),
        newRunId: () => newRunId(),
        now: () => new Date(),
      }),
    );
  }
  return probot;
}

async function main(): Promise<void> {
  const [role, fakeUrl, databaseUrl] = process.argv.slice(2) as [Role, string, string];
  const probot = await start(role, fakeUrl, databaseUrl);
  const send = (r: Response) => process.send?.(r);
  process.on("message", async (m: Request) => {
    if ("end" in m) {
      send({ rssKb: process.resourceUsage().maxRSS });
      process.disconnect();
      process.exit(0);
    }
    try {
      const payload = installationCommentCreated(command(m.deliver));
      const start = process.hrtime.bigint();
      await probot.receive({ id: m.id, name: "issue_comment", payload } as never);
      send({ ms: Number(process.hrtime.bigint() - start) / 1e6 });
    } catch (error) {
      send({ error: String((error as Error)?.stack ?? error) });
    }
  });
  send({ ms: 0 });
}

if (import.meta.main) await main();
