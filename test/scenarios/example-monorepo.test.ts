// examples/monorepo itself: the demo target and what every scenario runs against. What it holds must
// work as dhg-mono's own does (its pipeline, migrations, proxy and services), with nothing installed.
// It has no scripts of scenario-bot's: the helpers steps call ship with scenario-bot (docs/helpers.md).
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI_PATH, copyMonorepo, freePort } from "./monorepo.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function repo(): string {
  const copy = copyMonorepo();
  cleanups.push(copy.cleanup);
  return copy.dir;
}

function run(dir: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { cwd: dir, encoding: "utf8", env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const node = process.execPath;

describe("the content pipeline", () => {
  it("lists its commands, runs one, and refuses an unknown one", () => {
    const dir = repo();
    const cli = "scripts/cli-pipeline/content/content-cli.sh";
    expect(run(dir, "bash", [cli, "help"]).stdout).toMatch(/^ {2}list-documents +List the documents/m);
    const health = run(dir, "bash", [cli, "health-check"], {
      PATH: `${path.dirname(node)}:${process.env.PATH}`,
    });
    expect(health.stdout).toBe("format-service: ok\nlogger-service: ok\n");
    const unknown = run(dir, "bash", [cli, "nope"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('content-cli: unknown command "nope"');
  });
});

describe("the migrations", () => {
  it("apply in order to a scratch database on the real PostgreSQL server", () => {
    const dir = repo();
    const url = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const result = run(dir, node, [
      CLI_PATH,
      "scratch-db",
      "--migrations",
      "supabase/migrations",
      "--database-url",
      url,
    ]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("20250103000000_create_documents.sql");
  }, 60_000);
});

describe("scripts/cli-pipeline/proxy/api-proxy.cjs", () => {
  it("answers /health, 404 elsewhere, and 502 when the upstream is down", async () => {
    const dir = repo();
    const [port, deadPort] = [await freePort(), await freePort()];
    const server = spawn(node, ["scripts/cli-pipeline/proxy/api-proxy.cjs"], {
      cwd: dir,
      env: { ...process.env, PORT: String(port), UPSTREAM_URL: `http://127.0.0.1:${deadPort}` },
      stdio: ["ignore", "pipe", "inherit"],
    });
    cleanups.push(() => server.kill());
    await new Promise<void>((resolve) => server.stdout.once("data", () => resolve()));
    const base = `http://127.0.0.1:${port}`;
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: "ok",
      service: "api-proxy",
      port,
      upstream: `http://127.0.0.1:${deadPort}`,
    });
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    const down = await fetch(`${base}/api/documents`);
    expect(down.status).toBe(502);
    expect(await down.json()).toMatchObject({ error: "upstream unreachable" });
  });
});

describe("the shared services", () => {
  it("pass their node:test suites with nothing installed (the root npm test glob)", () => {
    const dir = repo();
    const result = run(dir, node, ["--test", "packages/**/__tests__/*.test.ts"]);
    expect(result.stdout).toMatch(/^ℹ pass [1-9]/m);
    expect(result.stdout).toMatch(/^ℹ fail 0$/m);
    expect(result.status).toBe(0);
  });
});
