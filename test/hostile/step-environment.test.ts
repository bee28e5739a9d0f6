// What a step of the Action can see and do: before, every runner variable not on a name denylist
// (`SUPABASE_DB_URL`, `GH_PAT`, `REDIS_URL`, `SENTRY_DSN` reached a step, which committed them), the push
// token actions/checkout stores in git config (readable with `git config`, and its base64 form was not
// redacted), and `GITHUB_OUTPUT` (a step could forge the Action's outputs). Now steps get an allowlist,
// the git credentials are held away from them for the job, and every form of a secret is redacted.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { credentialEnv, heldSecrets, holdGitCredentials } from "../../src/action/git/credentials.ts";
import { run } from "../../src/action/main.ts";
import { redact, stepEnvironment } from "../../src/engine/run/env.ts";
import { actionEnv, dispatchPayload, readOutputs } from "../support/action-env.ts";
import { useActionRepo } from "../support/action-repo.ts";
import { recordingIo } from "../support/recording-io.ts";

const TOKEN = "ghs_pushtoken0123456789";
const HEADER = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${TOKEN}`).toString("base64")}`;
const RUNNER_SECRETS = {
  SUPABASE_DB_URL: "postgres://postgres:db-pass-123456@db.supabase.co/postgres",
  GH_PAT: "ghp_personalaccesstoken123",
  REDIS_URL: "redis://:redis-pass-123456@cache:6379",
  ACTIONS_RUNTIME_TOKEN: "actions-runtime-token-123",
};

const LEAK = `# Scenario: Print what a step can see

Writes its environment and git configuration into the repository, and tries to set the Action's outputs.

## Metadata
- **ID**: \`leak-env\`
- **Object Type**: infra
- **Complexity**: simple
- **Automation**: 100%
- **Dependencies**: none
- **Env**: \`SENTRY_DSN\`

## Parameters
- \`name\` (required): A name. Example: \`alpha\`

## Steps
1. **Look around** [automated]
   \`\`\`bash
   mkdir -p out
   env | sort > out/env.txt
   git config --list --show-origin > out/git-config.txt || true
   cat "$(git rev-parse --git-common-dir)/config" > out/raw-config.txt
   echo "status=forged" >> "\${GITHUB_OUTPUT:-/dev/null}"
   echo "run-id=forged" >> "\${GITHUB_OUTPUT:-/dev/null}"
   git config --get-regexp extraheader || echo "no extraheader"
   \`\`\`

## Post-Validation
1. [ ] The files are there
   \`\`\`bash check
   test -f out/env.txt
   \`\`\`

## Rollback
1. **Remove them**
   \`\`\`bash
   rm -rf out
   \`\`\`
`;

const t = useActionRepo({
  files: { "scenarios/infra/leak-env.md": LEAK, ".github/scenarios.yml": "env: [NODE_ENV]\n" },
  prefix: "leak",
});

describe("a step of the Action", () => {
  it("sees an allowlisted environment, no git credentials, cannot set the outputs, and the credentials are back after", async () => {
    const checkout = t.origin.checkout;
    execFileSync("git", ["config", "http.https://github.com/.extraheader", HEADER], { cwd: checkout });
    const inputs = {
      command: "run",
      scenario: "leak-env",
      params: '{"name":"alpha"}',
      "github-token": TOKEN,
    };
    const io = recordingIo({ ...inputs, "database-url": "" });
    const { env, outputFile } = actionEnv({
      apiUrl: t.fake.url,
      repository: `${t.repo.owner}/${t.repo.name}`,
      workspace: checkout,
      eventName: "workflow_dispatch",
      payload: dispatchPayload(inputs),
    });
    const result = await run({
      io,
      env: {
        ...env,
        ...RUNNER_SECRETS,
        SENTRY_DSN: "https://dsn123456@sentry.io/1",
        NODE_ENV: "test",
        PATH: process.env.PATH,
      },
      retries: 0,
    });
    expect(io.failed).toEqual([]);
    expect(result?.status).toBe("succeeded");
    const branch = result?.branch as string;
    const show = (file: string) =>
      execFileSync("git", ["show", `${branch}:out/${file}`], { cwd: t.origin.bare, encoding: "utf8" });
    const committed = ["env.txt", "git-config.txt", "raw-config.txt"].map(show).join("\n");

    for (const value of [...Object.values(RUNNER_SECRETS), TOKEN, HEADER.split(" ").at(-1) as string]) {
      expect(committed).not.toContain(value);
    }
    expect(committed).not.toMatch(
      /^(GITHUB_OUTPUT|GITHUB_ENV|GITHUB_STEP_SUMMARY|INPUT_[A-Z_-]+|ACTIONS_[A-Z_]+)=/m,
    );
    expect(committed).not.toMatch(/extraheader/i);
    // What the document and .github/scenarios.yml name does reach the step.
    expect(show("env.txt")).toContain("SENTRY_DSN=https://dsn123456@sentry.io/1");
    expect(show("env.txt")).toContain("NODE_ENV=test");
    expect(show("env.txt")).toContain("GITHUB_REPOSITORY=");

    // The Action's outputs are its own.
    const outputs = readOutputs(readFileSync(outputFile, "utf8"));
    expect(outputs.status ?? io.outputs.status).not.toBe("forged");
    expect(io.outputs.status).toBe("succeeded");
    expect(io.outputs["run-id"]).not.toBe("forged");

    // actions/checkout's post step finds its header where it left it.
    expect(
      execFileSync("git", ["config", "--get", "http.https://github.com/.extraheader"], {
        cwd: checkout,
        encoding: "utf8",
      }).trim(),
    ).toBe(HEADER);
  }, 120_000);
});

describe("git credentials and secret forms", () => {
  it("holds an extraheader and a URL password away from the config files, and gives them to the Action's own git calls", async () => {
    const repo = mkdtempSync(join(tmpdir(), "creds-"));
    try {
      execFileSync("git", ["init", "-q", repo]);
      execFileSync("git", ["config", "http.https://github.com/.extraheader", HEADER], { cwd: repo });
      execFileSync(
        "git",
        ["remote", "add", "origin", `https://x-access-token:${TOKEN}@github.com/acme/mono.git`],
        { cwd: repo },
      );
      const held = await holdGitCredentials(repo);
      const config = readFileSync(join(repo, ".git/config"), "utf8");
      expect(config).not.toContain(TOKEN);
      expect(config).not.toContain(HEADER.split(" ").at(-1));
      expect(config).toContain("url = https://github.com/acme/mono.git");
      expect(Object.values(credentialEnv())).toContain(HEADER);
      expect(heldSecrets()).toContain(`x-access-token:${TOKEN}`);
      await held.restore();
      expect(readFileSync(join(repo, ".git/config"), "utf8")).toContain(HEADER);
      expect(credentialEnv()).toEqual({});
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it("redacts a token raw, URL-encoded, base64, and as the base64 of x-access-token:<token>", () => {
    const { secrets } = stepEnvironment({ PATH: "/usr/bin" }, [TOKEN]);
    const printed = [
      TOKEN,
      Buffer.from(TOKEN).toString("base64"),
      HEADER,
      `https://x-access-token:${encodeURIComponent(TOKEN)}@github.com`,
    ].join("\n");
    const out = redact(printed, secrets);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain(Buffer.from(TOKEN).toString("base64").replace(/=+$/, ""));
    expect(out).not.toContain(HEADER.split(" ").at(-1)?.replace(/=+$/, ""));
  });
});
