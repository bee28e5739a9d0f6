// examples/monorepo itself: the demo target and what every scenario runs against. Its offline checks
// must pass on the shipped tree and fail, naming the file, on a broken one.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
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

describe("scripts/check-syntax.mjs", () => {
  it("passes on the whole shipped tree, TSX included", () => {
    const dir = repo();
    const result = run(dir, node, ["scripts/check-syntax.mjs", "--all"], { SCENARIO_CLI: CLI_PATH });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("ok apps/portal/src/App.tsx");
    expect(result.stdout).toContain("ok packages/shared/services/index.ts");
    expect(result.stdout).toContain("ok scripts/cli-pipeline/content/content-cli.sh");
  });

  it("fails on each kind of broken file, naming it", () => {
    const dir = repo();
    const broken: Record<string, string> = {
      "bad.ts": "export const a: number = ;\n",
      "bad.tsx": "export const x = <div>;\n",
      "bad.mjs": "export const = 1;\n",
      "bad.sh": "if then fi\n",
      "bad.json": '{ "a": }\n',
    };
    for (const [file, text] of Object.entries(broken)) writeFileSync(path.join(dir, file), text);
    const result = run(dir, node, ["scripts/check-syntax.mjs", ...Object.keys(broken)], {
      SCENARIO_CLI: CLI_PATH,
    });
    expect(result.status).toBe(1);
    for (const file of Object.keys(broken))
      expect(result.stderr).toMatch(new RegExp(`^${file.replace(".", "\\.")}: `, "m"));
    expect(result.stderr).toContain("5 of 5 files failed the syntax check");
  });

  it("says how to fix it when no esbuild is reachable for TSX", () => {
    const dir = repo();
    const result = run(dir, node, ["scripts/check-syntax.mjs", "apps/portal/src/main.tsx"], {
      SCENARIO_CLI: "",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "cannot check .tsx files: esbuild is not installed here or next to $SCENARIO_CLI",
    );
  });
});

describe("scripts/insert-line.mjs", () => {
  it("inserts above the marker with its indentation, and refuses a missing marker or a duplicate", () => {
    const dir = repo();
    const router = "apps/portal/src/routes.tsx";
    writeFileSync(path.join(dir, router), "export const routes = [\n  // scenario:routes\n];\n");
    const line = '{ path: "/about", element: <AboutPage /> },';
    expect(run(dir, node, ["scripts/insert-line.mjs", router, "scenario:routes", line]).status).toBe(0);
    expect(readFileSync(path.join(dir, router), "utf8")).toContain(`  ${line}\n  // scenario:routes`);
    const again = run(dir, node, ["scripts/insert-line.mjs", router, "scenario:routes", line]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already has the line");
    const missing = run(dir, node, ["scripts/insert-line.mjs", router, "scenario:nowhere", "x"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no line contains the marker "scenario:nowhere"');
  });
});

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

describe("scripts/wait-for-health.mjs", () => {
  it("stops at once when the server process is gone, and after the timeout when nothing answers", async () => {
    const dir = repo();
    const url = `http://127.0.0.1:${await freePort()}/health`;
    const dead = spawnSync(node, ["-e", "0"]).pid;
    const gone = run(dir, node, ["scripts/wait-for-health.mjs", url, "--pid", String(dead)]);
    expect(gone.status).toBe(1);
    expect(gone.stderr).toContain(`the server (pid ${dead}) exited before ${url} answered`);
    const silent = run(dir, node, ["scripts/wait-for-health.mjs", url, "--timeout-ms", "300"]);
    expect(silent.status).toBe(1);
    expect(silent.stderr).toContain(`no answer from ${url} within 300 ms`);
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
