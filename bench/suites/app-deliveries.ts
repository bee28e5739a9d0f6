// Comment deliveries through the GitHub App, with GitHub faked on loopback (test/support/github-fake)
// and the store on the real PostgreSQL server: `/scenario add-rls-policies table=tN` from a real
// `issue_comment.created` payload, handled end to end (eyes, permission, config and catalog, plan,
// run recorded, reply, dispatch, rocket). The floor is a minimal probot handler making the requests a
// command needs at least (reaction, permission, dispatch) through the same probot and the same fake.
// Goals: the App's median latency <= 1.5x the floor's, p99 <= 2x. Rows: p50 and p99 per delivery (the
// p99 rows show the 99th percentile in the median column), deliveries/s one at a time in the names.
import { generateKeyPairSync } from "node:crypto";
import { createRequire } from "node:module";
import pg from "pg";
import { pino } from "pino";
import { Probot } from "probot";
import { newRunId } from "../../src/engine/index.ts";
import { createApp } from "../../src/github/app.ts";
import { RepoCatalogs } from "../../src/github/catalog/repo-catalogs.ts";
import { shippedFiles } from "../../src/github/catalog/shipped.ts";
import { asyncCommitUrl, sqlDeliveryLog } from "../../src/github/delivery-log.ts";
import { type Db, migrate, SqlRunStore } from "../../src/store/index.ts";
import { openPostgres } from "../../src/store/postgres-db.ts";
import { addRepo, type GitHubFake, startGitHubFake } from "../../test/support/github-fake/index.ts";
import { UnthrottledOctokit } from "../../test/support/github-fake/probot-octokit.ts";
import { type Benchmark, fromSamples, type Measurement } from "../lib.ts";

const ITERATIONS = Number(process.env.BENCH_APP_DELIVERIES ?? 300);
const WARMUP = 20;
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DATABASE = `scenario_bench_app_${process.pid}`;

const require = createRequire(import.meta.url);
type Example = { name: string; examples: Record<string, unknown>[] };
const examples = require("@octokit/webhooks-examples/api.github.com/index.json") as Example[];

function commentPayload(body: string): Record<string, unknown> {
  const found = examples
    .find((e) => e.name === "issue_comment")
    ?.examples.find((x) => x.action === "created" && "installation" in x);
  if (!found) throw new Error("no issue_comment.created example with an installation");
  const p = structuredClone(found) as { comment: { body: string } };
  p.comment.body = body;
  return p;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface Rig {
  fake: GitHubFake;
  probot: Probot;
  db?: Db;
}

async function rig(load: (probot: Probot, db?: Db) => void, withDb: boolean): Promise<Rig> {
  const fake = await startGitHubFake({ record: false });
  const repo = addRepo(fake.state, {
    owner: "Codertocat",
    name: "Hello-World",
    defaultBranch: "master",
    files: { "README.md": "# Hello" },
    roles: { Codertocat: "write" },
  });
  const now = new Date().toISOString();
  const user = { login: "Codertocat", id: 21031067, type: "User" as const };
  repo.issues.set(1, {
    number: 1,
    title: "Spelling",
    body: null,
    state: "open",
    labels: [],
    user,
    createdAt: now,
    updatedAt: now,
  });
  repo.comments.set(492700400, {
    id: 492700400,
    issueNumber: 1,
    body: "",
    user,
    createdAt: now,
    updatedAt: now,
  });
  let db: Db | undefined;
  if (withDb) {
    await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${DATABASE}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${DATABASE}`;
    db = await openPostgres(asyncCommitUrl(url.toString()));
    await migrate(db);
  }
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const probot = new Probot({
    appId: 1,
    privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    baseUrl: fake.url,
    Octokit: UnthrottledOctokit,
    log: pino({ level: "warn" }),
  });
  load(probot, db);
  return { fake, probot, db };
}

/** The least a command handler does: 👀, the commenter's permission, the dispatch. */
function floorApp(app: Probot): void {
  app.on("issue_comment.created", async (context) => {
    const repo = context.repo();
    await context.octokit.rest.reactions.createForIssueComment({
      ...repo,
      comment_id: context.payload.comment.id,
      content: "eyes",
    });
    const { data } = await context.octokit.rest.repos.getCollaboratorPermissionLevel({
      ...repo,
      username: context.payload.comment.user?.login ?? "",
    });
    if (data.role_name === "none") return;
    await context.octokit.rest.actions.createWorkflowDispatch({
      ...repo,
      workflow_id: "scenario.yml",
      ref: context.payload.repository.default_branch,
      inputs: {
        scenario: "add-rls-policies",
        params: "{}",
        "run-id": "x",
        command: "run",
        "issue-number": "1",
      },
    });
  });
}

function payloadFor(i: number): Record<string, unknown> {
  return commentPayload(`/scenario add-rls-policies table=t${i}`);
}

async function deliver(r: Rig, id: string, i: number): Promise<number> {
  const payload = payloadFor(i);
  const start = process.hrtime.bigint();
  await r.probot.receive({ id, name: "issue_comment", payload } as never);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function appRig(): Promise<Rig> {
  const shipped = await shippedFiles();
  return rig((probot, db) => {
    if (!db) throw new Error("the App's bench needs the database");
    probot.load(
      createApp({
        store: new SqlRunStore({ db }),
        deliveries: sqlDeliveryLog(db),
        catalogs: new RepoCatalogs({ shipped: async () => shipped }),
        newRunId: () => newRunId(),
        now: () => new Date(),
      }),
    );
  }, true);
}

const FLOOR = "app: comment delivery p50, floor (minimal probot handler: reaction, permission, dispatch)";
const FLOOR_P99 = "app: comment delivery p99, floor";

const bench: Benchmark = {
  name: "app: comment deliveries",
  goal: "median <= 1.5x floor, p99 <= 2x",
  run: () => undefined,
  // Floor and App alternate delivery by delivery, so machine noise (a shared 2-core box) hits both alike.
  async collect(): Promise<Measurement[]> {
    const floor = await rig((probot) => probot.load(floorApp), false);
    const app = await appRig();
    const f: number[] = [];
    const a: number[] = [];
    try {
      for (let i = 1; i <= WARMUP + ITERATIONS; i++) {
        const tf = await deliver(floor, `floor-${process.pid}-${i}`, i);
        const ta = await deliver(app, `app-${process.pid}-${i}`, i);
        // Untimed: the Action finishes runs, so a repository does not pile up hundreds of queued ones.
        await app.db?.query("UPDATE scenario_runs SET status = 'succeeded' WHERE status = 'queued'");
        if (i > WARMUP) {
          f.push(tf);
          a.push(ta);
        }
      }
    } finally {
      await floor.fake.close();
      await app.fake.close();
      await app.db?.close();
      await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    }
    const perSecond = (s: number[]) => (1000 / (s.reduce((x, y) => x + y, 0) / s.length)).toFixed(0);
    const p99 = (s: number[], name: string, extra: Partial<Measurement> = {}) => ({
      ...fromSamples(name, extra.ratioLimit ? "<= 2x floor p99" : "-", s),
      medianMs: percentile(s, 99),
      ...extra,
    });
    return [
      fromSamples(`${FLOOR}, ${perSecond(f)} deliveries/s`, "-", f),
      fromSamples(
        `app: comment delivery p50, scenario-bot (plan, run recorded, reply, dispatch), ${perSecond(a)} deliveries/s`,
        "<= 1.5x floor",
        a,
        {
          baseline: `${FLOOR}, ${perSecond(f)} deliveries/s`,
          ratioLimit: 1.5,
        },
      ),
      p99(f, FLOOR_P99),
      p99(a, "app: comment delivery p99, scenario-bot", { baseline: FLOOR_P99, ratioLimit: 2 }),
    ];
  },
};

export default bench;
