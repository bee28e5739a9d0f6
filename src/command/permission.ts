// Who may do what: a minimum repository role per action, compared with the role GitHub reports for
// the person (`repos.getCollaboratorPermissionLevel`, effective across teams and custom roles).
import type { ObjectType } from "../scenario/types.ts";

export const ROLES = ["none", "read", "triage", "write", "maintain", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface PermissionPolicy {
  /** Minimum role to start, resume, roll back, cancel or tick; default `write`. */
  minimum: Role;
  /** Overrides per object type of the scenario. */
  objectTypes?: Partial<Record<ObjectType, Role>>;
  /** Overrides per scenario id; wins over the object type. */
  scenarios?: Record<string, Role>;
}

export const DEFAULT_POLICY: PermissionPolicy = { minimum: "write" };

/** The part of the `GET /repos/{owner}/{repo}/collaborators/{username}/permission` response used here. */
export interface CollaboratorPermission {
  /** Flattened: admin, write, read or none (maintain reads as write, triage as read). */
  permission: string;
  /** The real role: admin, maintain, write, triage, read, or a custom role's name. */
  role_name?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The person's role: `role_name` when it is a built-in role; a custom role counts as its base `permission`. */
export function effectiveRole(level: CollaboratorPermission): Role {
  if (isRole(level.role_name)) return level.role_name;
  return isRole(level.permission) ? level.permission : "none";
}

export function requiredRole(
  policy: PermissionPolicy,
  scenario?: { id: string; objectType?: ObjectType },
): Role {
  if (scenario) {
    const own = policy.scenarios?.[scenario.id];
    if (own) return own;
    const byType = scenario.objectType ? policy.objectTypes?.[scenario.objectType] : undefined;
    if (byType) return byType;
  }
  return policy.minimum;
}

export function atLeast(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

export interface PermissionDecision {
  allowed: boolean;
  actual: Role;
  required: Role;
  /** Reply text when refused: who, what they have, what is needed, how to get it. */
  reason: string;
}

export function decide(
  policy: PermissionPolicy,
  level: CollaboratorPermission,
  who: string,
  action: string,
  scenario?: { id: string; objectType?: ObjectType },
): PermissionDecision {
  const actual = effectiveRole(level);
  const required = requiredRole(policy, scenario);
  const allowed = atLeast(actual, required);
  const where = scenario ? ` for \`${scenario.id}\`` : "";
  const reason = allowed
    ? ""
    : `@${who}: your role on this repository is \`${actual}\`; to ${action}${where} you need at least \`${required}\`. ` +
      "Ask a maintainer to run it, or to grant you that role (the minimum is set in `.github/scenarios.yml`).";
  return { allowed, actual, required, reason };
}
