import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, parseRepoConfig, RepoConfigError } from "../../src/command/repo-config.ts";
import { DEFAULT_LAYOUT } from "../../src/scenario/layout.ts";

describe("parseRepoConfig", () => {
  it("fills in the defaults when there is no file", () => {
    expect(parseRepoConfig(null)).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.integrations).toEqual({ executionLog: true, healthCheck: true, devTask: true });
  });

  it("reads every key", () => {
    const config = parseRepoConfig({
      scenarios: "ops/scenarios/",
      permissions: {
        minimum: "maintain",
        object_types: { database: "admin" },
        scenarios: { "add-rls-policies": "admin" },
      },
      branch_prefix: "bots/",
      workflow: "run-scenarios.yml",
      integrations: { execution_log: false, dev_task: false },
      env: ["SENTRY_DSN", "NODE_ENV"],
      layout: { scope: "@dhg", services: "libs/services/", users_table: "auth.users" },
      dependencies: "none",
    });
    expect(config).toEqual({
      scenariosDir: "ops/scenarios",
      policy: {
        minimum: "maintain",
        objectTypes: { database: "admin" },
        scenarios: { "add-rls-policies": "admin" },
      },
      branchPrefix: "bots/",
      workflow: "run-scenarios.yml",
      integrations: { executionLog: false, healthCheck: true, devTask: false },
      env: ["SENTRY_DSN", "NODE_ENV"],
      layoutSettings: { scope: "@dhg", services: "libs/services", users_table: "auth.users" },
      layout: {
        ...DEFAULT_LAYOUT,
        scope: "@dhg",
        services: "libs/services",
        users_table: "auth.users",
      },
      dependencies: "none",
    });
  });

  it("refuses layout values that are not paths in the repository, scopes or schema.table", () => {
    expect(() =>
      parseRepoConfig({
        layout: { services: "../elsewhere", scope: "dhg", users_table: "users", export_style: "default" },
        dependencies: "copy",
      }),
    ).toThrowError(RepoConfigError);
    const error = (() => {
      try {
        parseRepoConfig({ layout: { services: "/abs", scope: "dhg", users_table: "users", nope: "x" } });
      } catch (e) {
        return e as RepoConfigError;
      }
    })();
    expect(error?.problems).toMatchInlineSnapshot(`
        [
          "\`layout.scope\`: must be a package scope such as @acme, or empty for none",
          "\`layout.services\`: must be a folder inside the repository",
          "\`layout.users_table\`: must be schema.table, such as auth.users",
          "\`layout\`: Unrecognized key: "nope"",
        ]
      `);
  });

  it("refuses env names that are the runner's or scenario-bot's own", () => {
    expect(() =>
      parseRepoConfig({ env: ["GITHUB_OUTPUT", "ACTIONS_RUNTIME_TOKEN", "not a name"] }),
    ).toThrowError(
      /GITHUB_OUTPUT is the runner's or scenario-bot's own[\s\S]*ACTIONS_RUNTIME_TOKEN[\s\S]*"not a name" is not a variable name/,
    );
  });

  it("names every key it cannot use, and how it is wrong", () => {
    let error: unknown;
    try {
      parseRepoConfig({ scenarios: "../elsewhere", integrations: { living_doc: true, health_check: "yes" } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RepoConfigError);
    expect((error as RepoConfigError).problems).toMatchInlineSnapshot(`
      [
        "\`scenarios\`: must be a folder inside the repository",
        "\`integrations.health_check\`: Invalid input: expected boolean, received string",
        "\`integrations\`: Unrecognized key: "living_doc"",
      ]
    `);
  });
});
