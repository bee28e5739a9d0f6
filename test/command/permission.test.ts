import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, decide, effectiveRole, ROLES, requiredRole } from "../../src/command/index.ts";

describe("permission policy", () => {
  it("reads role_name, falling back to the base permission for custom roles", () => {
    expect(effectiveRole({ permission: "write", role_name: "maintain" })).toBe("maintain");
    expect(effectiveRole({ permission: "read", role_name: "triage" })).toBe("triage");
    expect(effectiveRole({ permission: "write", role_name: "security-engineer" })).toBe("write");
    expect(effectiveRole({ permission: "none" })).toBe("none");
    expect(effectiveRole({ permission: "bogus", role_name: "bogus" })).toBe("none");
  });

  it("orders the roles none < read < triage < write < maintain < admin against the default write", () => {
    expect(
      ROLES.map((r) => decide(DEFAULT_POLICY, { permission: "x", role_name: r }, "u", "start").allowed),
    ).toEqual([false, false, false, true, true, true]);
  });

  it("lets a scenario override win over its object type, and the type over the minimum", () => {
    const policy = {
      minimum: "write" as const,
      objectTypes: { database: "maintain" as const },
      scenarios: { "add-rls-policies": "admin" as const, "add-ui-page": "triage" as const },
    };
    expect(requiredRole(policy, { id: "add-rls-policies", objectType: "database" })).toBe("admin");
    expect(requiredRole(policy, { id: "create-table", objectType: "database" })).toBe("maintain");
    expect(requiredRole(policy, { id: "add-ui-page", objectType: "ui" })).toBe("triage");
    expect(requiredRole(policy)).toBe("write");
  });

  it("says who, what they have, what is needed and how to fix it", () => {
    expect(
      decide(DEFAULT_POLICY, { permission: "read", role_name: "triage" }, "octocat", "start a run", {
        id: "add-rls-policies",
      }).reason,
    ).toMatchInlineSnapshot(
      `"@octocat: your role on this repository is \`triage\`; to start a run for \`add-rls-policies\` you need at least \`write\`. Ask a maintainer to run it, or to grant you that role (the minimum is set in \`.github/scenarios.yml\`)."`,
    );
  });
});
