// One side of the App's delivery benchmark (bench/suites/app-deliveries.ts), in a process of its own so
// that its peak resident memory is its own: `app` (scenario-bot's App) or `floor` (the least a handler
// can do for the same command: the App's five GitHub requests and its two PostgreSQL writes, overlapped
// as the App overlaps them, and nothing else). Both talk to the same GitHub fake and the same database.
// The floor loads only probot, pg and the two statements; the App's modules are loaded by the App's
// side only. Driven over IPC by the suite: {init} -> {ms: 0} when ready, {deliver: i} -> {ms},
// {rss: true} -> {rssKb} (the peak so far), {end: true} -> {rssKb} and exit. A delivery's answer
// carries its wall time and the process's CPU time during it (steadier on a shared machine; any other
// work in the process counts too, as it would).
import { generateKeyPairSync } from "node:crypto";
import { pino } from "pino";
import { Probot } from "probot";
import { newRunId } from "../../src/engine/plan/run-id.ts";
import type { Db } from "../../src/store/db.ts";
import { recordDelivery } from "../../src/store/deliveries.ts";
import { openPostgres } from "../../src/store/postgres-db.ts";
import { SqlRunStore } from "../../src/store/run-store.ts";
import { UnthrottledOctokit } from "../../test/support/github-fake/probot-octokit.ts";

export type Role = "app" | "floor";
export interface Init {
  role: Role;
  fakeUrl: string;
  /** The database, as the App connects to it (asynchronous commits). */
  databaseUrl: string;
  /** The reply the App posts for the command: the floor posts the same bytes. */
  replyBody: string;
  /** A real `issue_comment.created` payload; each delivery sets the comment's body. */
  payload: { comment: { body: string } };
}
export type Request = { init: Init } | { deliver: number; id: string } | { rss: true } | { end: true };
export type Response = { ms: number; cpuMs?: number } | { rssKb: number } | { error: string };

export const SCENARIO = "add-rls-policies";
export const command = (i: number) => `/scenario ${SCENARIO} table=t${i}`;

const DISPATCH_INPUTS = {
  scenario: SCENARIO,
  params: "{}",
  "run-id": "x",
  command: "run",
  "issue-number": "1",
};

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

async function appOf(db: Db) {
  const [{ shippedFiles }, { createApp }, { RepoCatalogs }, { sqlDeliveryLog }] = await Promise.all([
    import("../../src/application/repository/shipped.ts"),
    import("../../src/github-app/app.ts"),
    import("../../src/github-app/catalog/repo-catalogs.ts"),
    import("../../src/github-app/delivery-log.ts"),
  ]);
  const shipped = await shippedFiles();
  return createApp({
    store: new SqlRunStore({ db }),
    deliveries: sqlDeliveryLog(db),
    catalogs: new RepoCatalogs({ shipped: async () => shipped }),
    newRunId: () => newRunId(),
    now: () => new Date(),
  });
}

async function start(init: Init): Promise<Probot> {
  const db = await openPostgres(init.databaseUrl);
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const probot = new Probot({
    appId: 1,
    privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    baseUrl: init.fakeUrl,
    Octokit: UnthrottledOctokit,
    log: pino({ level: "warn" }),
  });
  probot.load(init.role === "floor" ? floorApp(db, init.replyBody) : await appOf(db));
  return probot;
}

function main(): void {
  let probot: Probot | undefined;
  let payload: Init["payload"] | undefined;
  const send = (r: Response) => process.send?.(r);
  process.on("message", async (m: Request) => {
    try {
      if ("init" in m) {
        payload = m.init.payload;
        probot = await start(m.init);
        send({ ms: 0 });
      } else if ("rss" in m) {
        send({ rssKb: process.resourceUsage().maxRSS });
      } else if ("end" in m) {
        send({ rssKb: process.resourceUsage().maxRSS });
        process.disconnect();
        process.exit(0);
      } else {
        const body = structuredClone(payload) as Init["payload"];
        body.comment.body = command(m.deliver);
        const start = process.hrtime.bigint();
        const cpu = process.cpuUsage();
        await probot?.receive({ id: m.id, name: "issue_comment", payload: body } as never);
        const used = process.cpuUsage(cpu);
        send({ ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: (used.user + used.system) / 1000 });
      }
    } catch (error) {
      send({ error: String((error as Error)?.stack ?? error) });
    }
  });
}

if (import.meta.main) main();
