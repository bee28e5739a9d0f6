// Request bodies GitHub accepts for the endpoints the fake serves, written from the REST API
// description (@octokit/openapi-types `paths[...]["requestBody"]`). Anything else gets the 422 GitHub sends.
import { z } from "zod";

const text = (max: number) => z.string().max(max);

export const reactionBody = z.strictObject({
  content: z.enum(["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"]),
});

export const commentBody = z.strictObject({ body: text(65_536) });

export const dispatchBody = z.strictObject({
  ref: z.string().min(1),
  inputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  return_run_details: z.boolean().optional(),
});

const annotation = z
  .strictObject({
    path: z.string().min(1),
    start_line: z.number().int().min(1),
    end_line: z.number().int().min(1),
    start_column: z.number().int().optional(),
    end_column: z.number().int().optional(),
    annotation_level: z.enum(["notice", "warning", "failure"]),
    message: z
      .string()
      .min(1)
      .max(64 * 1024),
    title: z.string().max(255).optional(),
    raw_details: z
      .string()
      .max(64 * 1024)
      .optional(),
  })
  .refine(
    (a) => (a.start_column === undefined && a.end_column === undefined) || a.start_line === a.end_line,
    {
      message: "start_column and end_column may only be used when start_line equals end_line",
    },
  );

const checkOutput = z.strictObject({
  title: z.string(),
  summary: text(65_535),
  text: text(65_535).optional(),
  annotations: z.array(annotation).max(50).optional(),
  images: z
    .array(z.strictObject({ alt: z.string(), image_url: z.string(), caption: z.string().optional() }))
    .optional(),
});

const checkStatus = z.enum(["queued", "in_progress", "completed", "waiting", "requested", "pending"]);
const checkConclusion = z.enum([
  "action_required",
  "cancelled",
  "failure",
  "neutral",
  "success",
  "skipped",
  "stale",
  "timed_out",
]);
const checkAction = z.strictObject({
  label: z.string().min(1).max(20),
  description: z.string().min(1).max(40),
  identifier: z.string().min(1).max(20),
});

const checkFields = {
  name: z.string().min(1),
  details_url: z.string().optional(),
  external_id: z.string().optional(),
  status: checkStatus.optional(),
  started_at: z.iso.datetime().optional(),
  conclusion: checkConclusion.optional(),
  completed_at: z.iso.datetime().optional(),
  output: checkOutput.optional(),
  actions: z.array(checkAction).max(3).optional(),
};

const conclusionWhenCompleted = (c: { status?: string; conclusion?: string }) =>
  c.status !== "completed" || c.conclusion !== undefined;

export const checkRunCreateBody = z
  .strictObject({ ...checkFields, head_sha: z.string().regex(/^[0-9a-f]{40}$/) })
  .refine(conclusionWhenCompleted, { message: "conclusion is required when status is completed" });

export const checkRunUpdateBody = z
  .strictObject({ ...checkFields, name: checkFields.name.optional() })
  .refine(conclusionWhenCompleted, { message: "conclusion is required when status is completed" });

export const pullCreateBody = z.strictObject({
  title: z.string().min(1).optional(),
  head: z.string().min(1),
  head_repo: z.string().optional(),
  base: z.string().min(1),
  body: z.string().max(65_536).optional(),
  maintainer_can_modify: z.boolean().optional(),
  draft: z.boolean().optional(),
  issue: z.number().int().optional(),
});

export const pullUpdateBody = z.strictObject({
  title: z.string().optional(),
  body: z.string().max(65_536).optional(),
  state: z.enum(["open", "closed"]).optional(),
  base: z.string().optional(),
  maintainer_can_modify: z.boolean().optional(),
});

const labels = z.array(z.union([z.string(), z.strictObject({ name: z.string() })]));

export const issueCreateBody = z.strictObject({
  title: z.union([z.string().min(1), z.number()]),
  body: z.string().max(65_536).optional(),
  assignee: z.string().nullable().optional(),
  milestone: z.union([z.string(), z.number()]).nullable().optional(),
  labels: labels.optional(),
  assignees: z.array(z.string()).optional(),
  type: z.string().nullable().optional(),
});

export const issueUpdateBody = z.strictObject({
  title: z.union([z.string(), z.number()]).nullable().optional(),
  body: z.string().max(65_536).nullable().optional(),
  state: z.enum(["open", "closed"]).optional(),
  state_reason: z.enum(["completed", "not_planned", "duplicate", "reopened"]).nullable().optional(),
  labels: labels.optional(),
  assignees: z.array(z.string()).optional(),
  milestone: z.union([z.string(), z.number()]).nullable().optional(),
});

export const accessTokenBody = z
  .strictObject({
    repositories: z.array(z.string()).optional(),
    repository_ids: z.array(z.number()).optional(),
    permissions: z.record(z.string(), z.string()).optional(),
  })
  .optional();
