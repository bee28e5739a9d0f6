// Webhook payloads from @octokit/webhooks-examples (GitHub's own examples), cloned so a test can
// change only the fields it must (a comment body, a sender).
import { createRequire } from "node:module";
import type { EmitterWebhookEvent, EmitterWebhookEventName } from "@octokit/webhooks";

type Example = { name: string; actions: string[]; examples: Record<string, unknown>[] };
const require = createRequire(import.meta.url);
const index = require("@octokit/webhooks-examples/api.github.com/index.json") as Example[];

export function example<E extends EmitterWebhookEventName>(
  name: E,
  pick: (p: Record<string, unknown>) => boolean = () => true,
): EmitterWebhookEvent<E>["payload"] {
  const [event, action] = name.split(".");
  const found = index
    .find((e) => e.name === event)
    ?.examples.find((x) => (action === undefined || x.action === action) && pick(x));
  if (!found) throw new Error(`no example payload for ${name} in @octokit/webhooks-examples`);
  return structuredClone(found) as EmitterWebhookEvent<E>["payload"];
}

export function commentCreated(
  body: string,
  change: (p: EmitterWebhookEvent<"issue_comment.created">["payload"]) => void = () => {},
) {
  const p = example("issue_comment.created", (x) => !("installation" in x));
  p.comment.body = body;
  change(p);
  return p;
}

/** A comment delivered to an installed App (the example with `installation`, as `probot run` receives it). */
export function installationCommentCreated(body: string) {
  const p = example("issue_comment.created", (x) => "installation" in x);
  p.comment.body = body;
  return p;
}

export function commentEdited(from: string, to: string) {
  const p = example("issue_comment.edited");
  p.changes = { body: { from } };
  p.comment.body = to;
  return p;
}

/** An edit of the run's checklist comment (written by the Action's bot) by `sender`. */
export function checklistEdited(from: string, to: string, sender = "Codertocat") {
  const p = commentEdited(from, to);
  if (p.comment.user) {
    p.comment.user.login = "github-actions[bot]";
    p.comment.user.type = "Bot";
  }
  p.sender.login = sender;
  p.sender.type = "User";
  return p;
}
