// Each delivery is handled once, across replicas: the delivery id is recorded before anything is done.
import type { Context } from "probot";
import type { AppDeps } from "../deps.ts";

export async function firstDelivery(context: Context, deps: AppDeps): Promise<boolean> {
  const first = await deps.deliveries.record(context.id, context.name);
  if (!first)
    context.log.info(
      { delivery: context.id, event: context.name },
      "redelivery ignored: this delivery id was already handled",
    );
  return first;
}

/** Comments this App wrote itself: never read as commands or ticks. */
export function isOwnComment(
  deps: AppDeps,
  comment: { user: { login: string } | null; performed_via_github_app?: { id: number } | null },
): boolean {
  return (
    (deps.appId !== undefined && comment.performed_via_github_app?.id === deps.appId) ||
    (deps.botLogin !== undefined && comment.user?.login === deps.botLogin)
  );
}
