// Everything one comment's commands share: who wrote it, where, the repository's environment, and
// the author's permission (asked once, only if a command needs it).
import type { Logger } from "pino";
import { type CollaboratorPermission, decide, type PermissionDecision } from "../../command/index.ts";
import type { ScenarioDefinition } from "../../scenario/types.ts";
import type { AppDeps } from "../deps.ts";
import type { RepoApi } from "../repo-api.ts";
import type { RepoEnvironment } from "../repo-environment.ts";

export interface CommandSession {
  api: RepoApi;
  deps: AppDeps;
  log: Logger;
  env: RepoEnvironment;
  issueNumber: number;
  /** The comment the commands came from (reactions go on it). */
  commentId: number;
  author: string;
  /** Set when the comment is on a pull request whose head is in another repository. */
  forkHead?: string;
  permission(): Promise<CollaboratorPermission>;
  /** The `rocket` on the comment, once, after a dispatch. */
  rocket(): Promise<void>;
}

/** Calls `fn` once; later calls get the same promise. */
export function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= fn();
    return pending;
  };
}

export async function authorise(
  session: CommandSession,
  action: string,
  scenario?: { id: string; objectType?: ScenarioDefinition["objectType"] },
): Promise<PermissionDecision> {
  return decide(session.env.config.policy, await session.permission(), session.author, action, scenario);
}
