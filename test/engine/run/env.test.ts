import { describe, expect, it } from "vitest";
import { redact, stepEnvironment } from "../../../src/engine/run/env.ts";

describe("stepEnvironment", () => {
  it("keeps secrets from steps, but hands them the scratch database server (still redacted)", () => {
    const scratch = "postgres://scratcher:pw-123456@db.internal:5432/postgres";
    const env = stepEnvironment({
      PATH: "/usr/bin",
      HOME: "/home/runner",
      DATABASE_URL: "postgres://scenario:store-secret@db.internal/scenario",
      GITHUB_TOKEN: "ghs_0123456789",
      SCENARIO_SCRATCH_DATABASE_URL: scratch,
      SCENARIO_PARAM_TABLE: "outer",
    });
    expect(env.base.DATABASE_URL).toBeUndefined();
    expect(env.base.GITHUB_TOKEN).toBeUndefined();
    expect(env.base.SCENARIO_PARAM_TABLE).toBeUndefined();
    expect(env.base.SCENARIO_SCRATCH_DATABASE_URL).toBe(scratch);
    expect(env.base.HOME).toBe("/home/runner");
    expect(redact(`connecting to ${scratch}, token ghs_0123456789`, env.secrets)).toBe(
      "connecting to ***, token ***",
    );
  });

  it("hands steps an allowlist: the safe base, locale, and the names allowed; never tokens or command files", () => {
    const env = stepEnvironment(
      {
        PATH: "/usr/bin",
        HOME: "/home/runner",
        LC_ALL: "C.UTF-8",
        GITHUB_REPOSITORY: "acme/mono",
        GITHUB_OUTPUT: "/runner/output",
        GITHUB_ENV: "/runner/env",
        GITHUB_STEP_SUMMARY: "/runner/summary",
        ACTIONS_RUNTIME_TOKEN: "runtime-token-123",
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: "oidc-token-123",
        INPUT_GITHUB_TOKEN: "ghs_inputtoken",
        SUPABASE_DB_URL: "postgres://u:pw-123456@db/x",
        GH_PAT: "ghp_personal123",
        REDIS_URL: "redis://:pw-123456@cache",
        SENTRY_DSN: "https://key123456@sentry.io/1",
        NODE_ENV: "production",
      },
      [],
      ["SENTRY_DSN", "GITHUB_OUTPUT"],
    );
    expect(Object.keys(env.base).sort()).toEqual(
      ["GITHUB_REPOSITORY", "HOME", "LC_ALL", "PATH", "SENTRY_DSN"].sort(),
    );
    // Secret-looking values are redacted from output even when a step may read them.
    expect(redact("dsn https://key123456@sentry.io/1 pat ghp_personal123", env.secrets)).toBe(
      "dsn *** pat ***",
    );
  });
});
