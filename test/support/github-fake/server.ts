// A GitHub REST API on 127.0.0.1:<random port>. The App and the Action use its URL as their API base
// URL; it records every request, answers with GitHub's response shapes, and refuses what GitHub
// would refuse: every request is checked against GitHub's published REST description (a path it has
// not: 404; parameters or a body it would reject: 422), each refusal is also reported as a violation
// that fails the test that caused it (violations.ts), and no or wrong credentials get 401.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { bodyTooLong } from "./body-limit.ts";
import {
  type Connections,
  personComments,
  personEditsComment,
  personPressesCheckRunAction,
  settled,
} from "./deliveries.ts";
import { graphql } from "./graphql.ts";
import { identityOf, refusal } from "./identity.ts";
import { DescriptionChecker } from "./openapi/check.ts";
import { HttpError, type Route, routes } from "./routes.ts";
import {
  type FakeComment,
  type FakeEvent,
  type FakeRepo,
  type FakeState,
  type FakeUser,
  newState,
} from "./state.ts";
import { countRequest, reportViolation, type Violation, withdrawViolations } from "./violations.ts";

export interface RecordedRequest {
  method: string;
  /** Path without the query, percent-decoded once (`/repos/o/r/contents/.github/scenarios.yml`). */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The operationId of GitHub's REST description the request was matched to. */
  operation?: string;
  authorization?: string;
  status: number;
  /** `performance.now()` when the request arrived and when the answer was sent. */
  receivedAt: number;
  answeredAt: number;
}

export interface GitHubFake {
  /** API base URL, e.g. `http://127.0.0.1:54321`. */
  url: string;
  state: FakeState;
  requests: RecordedRequest[];
  /** Resolves with the first recorded request (past or future) matching the predicate. */
  waitFor(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /**
   * The violations found so far, handed to the caller and so not reported as a test failure: for a
   * test that sends what GitHub would refuse on purpose, and asserts on it.
   */
  takeViolations(): Violation[];
  /**
   * Answer the next request matching `method` and `path` (once, or `times` times) with `status` and
   * `body` instead of serving it: GitHub failing (a 500, a 403 for an App that lost access).
   */
  fail(fault: Fault): void;
  /**
   * The installed App's webhook and the runner that starts workflow jobs: from then on the fake
   * delivers each event to them the way GitHub does (deliveries.ts); `{}` disconnects both.
   */
  connect(connections: Connections): void;
  /** A person comments on the issue's page: saved, then delivered to the App and the listening workflows. */
  comment(repo: FakeRepo, input: { issue: number; user: FakeUser; body: string }): FakeComment;
  /** A person edits a comment (ticks a checklist's boxes): saved, then delivered as an `edited` event. */
  editComment(repo: FakeRepo, input: { commentId: number; user: FakeUser; body: string }): FakeComment;
  /**
   * A person presses a check run's button (one of its `actions`, once it has completed): recorded, and
   * delivered to the App only if the App created the check run. Throws if there is no such button.
   */
  pressCheckRunAction(
    repo: FakeRepo,
    input: { checkRunId: number; identifier: string; user: FakeUser },
  ): FakeEvent;
  /** Resolves once every delivery and job started so far (and all they caused) has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  body?: unknown;
  times?: number;
}

export interface GitHubFakeOptions {
  state?: FakeState;
  /** Keep request bodies in `requests` (default true; the bench turns it off). */
  record?: boolean;
  /** Check requests against GitHub's REST description (default true; the bench turns it off). */
  checkRequests?: boolean;
  /** Check the fake's own answers against the description too (default false: the fake's test does). */
  checkResponses?: boolean;
  /** GitHub's round trip: each request is answered this many milliseconds late (default 0: loopback). */
  latencyMs?: number;
}

let checker: DescriptionChecker | undefined;
/** One per process: the description is read and validators compiled once, on first use. */
export function descriptionChecker(): DescriptionChecker {
  checker ??= new DescriptionChecker(routes.map((r) => r.operation));
  return checker;
}

const DOCS = "https://docs.github.com/rest";
const NOT_SENT = Symbol("already sent");

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, { "x-github-media-type": "github.v3; format=json" });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "x-github-media-type": "github.v3; format=json",
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4999",
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
  });
  res.end(text);
}

function authError(route: Route, authorization: string | undefined): string | undefined {
  if (!authorization) return "Requires authentication";
  const [scheme, credential = ""] = authorization.split(" ");
  const isJwt = credential.split(".").length === 3;
  if (route.auth === "app") {
    return scheme?.toLowerCase() === "bearer" && isJwt ? undefined : "A JSON web token could not be decoded";
  }
  // An App's JWT can't act on a repository: it must be exchanged for an installation token first.
  return isJwt ? "Bad credentials" : undefined;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return undefined;
  return JSON.parse(text);
}

export async function startGitHubFake(options: GitHubFakeOptions = {}): Promise<GitHubFake> {
  const state = options.state ?? newState();
  const record = options.record ?? true;
  const requests: RecordedRequest[] = [];
  const waiters: { predicate: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  let base = "";

  const violations: Violation[] = [];
  const violation = (v: Violation) => {
    violations.push(v);
    reportViolation(v);
  };
  const check = options.checkRequests ?? true;
  const faults: Fault[] = [];
  const takeFault = (method: string, path: string): Fault | undefined => {
    const i = faults.findIndex((f) => f.method === method && f.path.test(path));
    const fault = faults[i];
    if (fault && --(fault as { times: number }).times <= 0) faults.splice(i, 1);
    return fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const receivedAt = performance.now();
    const url = new URL(req.url ?? "/", base);
    const method = req.method ?? "GET";
    const rawPath = url.pathname.replace(/^\/api\/v3/, "");
    let status = 500;
    let body: unknown;
    let parsed: unknown;
    let operation: string | undefined;
    try {
      try {
        parsed = await readBody(req);
      } catch {
        throw new HttpError(400, "Problems parsing JSON");
      }
      if (method === "POST" && rawPath === "/graphql") {
        // GraphQL is not in the REST description: the fake answers the one query the code sends.
        ({ status, body } = graphql(state, parsed, req.headers.authorization));
      } else {
        const checker = descriptionChecker();
        const checked = check
          ? checker.checkRequest({ method, rawPath, query: url.searchParams, body: parsed })
          : { match: checker.route(method, rawPath), problems: [] };
        if (check) countRequest();
        const match = checked.match;
        operation = match?.operation.id;
        if (checked.problems.length > 0) {
          violation({ method, path: rawPath, operation, problems: checked.problems, side: "request" });
        }
        const route = routes.find((r) => r.operation === operation);
        if (!match || !route) throw new HttpError(404, "Not Found");
        const denied = authError(route, req.headers.authorization);
        if (denied) throw new HttpError(401, denied);
        if (checked.problems.length > 0) {
          throw (
            bodyTooLong(operation, parsed) ??
            new HttpError(422, `Invalid request.\n\n${checked.problems.join("\n")}`)
          );
        }
        const fault = takeFault(method, decodeURIComponent(rawPath));
        if (fault)
          throw new HttpError(fault.status, String((fault.body as { message?: string })?.message ?? "fault"));
        const identity = identityOf(state, req.headers.authorization);
        const refused = route.auth === "repo" ? refusal(identity, route.operation) : undefined;
        if (refused) throw new HttpError(403, refused);
        const result = route.handler({
          identity,
          state,
          base,
          params: match.params,
          query: url.searchParams,
          body: parsed,
          accept: req.headers.accept ?? "",
        });
        status = result.status;
        body = result.body;
        if (result.raw !== undefined) {
          res.writeHead(status, {
            "content-type": "text/plain; charset=utf-8",
            "content-length": Buffer.byteLength(result.raw),
          });
          res.end(result.raw);
          body = NOT_SENT;
        }
      }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      status = error.status;
      body = {
        message: error.message,
        documentation_url: DOCS,
        status: String(error.status),
        ...(error.errors ? { errors: error.errors } : {}),
      };
    }
    if (options.checkResponses && operation && body !== NOT_SENT) {
      const problems = descriptionChecker().checkResponse(operation, status, body);
      if (problems.length) violation({ method, path: rawPath, operation, problems, side: "response" });
    }
    if (body !== NOT_SENT) send(res, status, body);
    const entry: RecordedRequest = {
      method,
      path: decodeURIComponent(rawPath),
      query: Object.fromEntries(url.searchParams),
      body: record ? parsed : undefined,
      operation,
      authorization: req.headers.authorization,
      status,
      receivedAt,
      answeredAt: performance.now(),
    };
    if (record) requests.push(entry);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i];
      if (waiter?.predicate(entry)) {
        waiters.splice(i, 1);
        waiter.resolve(entry);
      }
    }
  };

  const answer = (req: IncomingMessage, res: ServerResponse) =>
    handle(req, res).catch((error: unknown) => {
      send(res, 500, { message: `fake GitHub failed: ${String(error)}`, documentation_url: DOCS });
    });
  const latency = options.latencyMs ?? 0;
  const server: Server = createServer((req, res) => {
    if (latency > 0) setTimeout(() => answer(req, res), latency);
    else answer(req, res);
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    state,
    requests,
    waitFor(predicate, timeoutMs = 5_000) {
      const done = requests.find(predicate);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`fake GitHub: no matching request within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        });
      });
    },
    fail(fault) {
      faults.push({ ...fault, times: fault.times ?? 1 });
    },
    connect(connections) {
      state.deliveries.connections = connections;
    },
    comment: (repo, input) => personComments(state, base, repo, input),
    editComment: (repo, input) => personEditsComment(state, base, repo, input),
    pressCheckRunAction: (repo, input) => personPressesCheckRunAction(state, base, repo, input),
    settled: () => settled(state),
    takeViolations() {
      const taken = violations.splice(0);
      withdrawViolations(taken);
      return taken;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
