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
});
