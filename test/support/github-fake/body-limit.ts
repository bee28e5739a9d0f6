// GitHub's answer to a body past 65,536 characters (counted in characters, as its Ruby does): 422
// "Validation Failed" with one error naming the resource, as people have seen it from the live API:
// - comments: {"resource":"IssueComment","code":"unprocessable","field":"data","message":"Body is too
//   long (maximum is 65536 characters)"} (reg-viz/reg-actions#123, telia-oss/github-pr-resource#259);
// - issues and pull requests: {"resource":"Issue","code":"custom","field":"body","message":"body is
//   too long (maximum is 65536 characters)"} (renovatebot/renovate#2032, denoland/bump-workspaces#34).
// The request is also a violation (prose-rules.ts states the limit), so the test that sent it fails.
import { HttpError } from "./routes.ts";

export const MAX_BODY_CHARS = 65_536;

const COMMENT_OPERATIONS = new Set(["issues/create-comment", "issues/update-comment"]);
const ISSUE_OPERATIONS = new Set(["issues/create", "issues/update", "pulls/create", "pulls/update"]);

/** The refusal GitHub sends for `operation` with this request body, when its `body` is too long. */
export function bodyTooLong(operation: string | undefined, request: unknown): HttpError | undefined {
  const body = (request as { body?: unknown } | undefined)?.body;
  if (typeof body !== "string" || [...body].length <= MAX_BODY_CHARS) return undefined;
  if (COMMENT_OPERATIONS.has(operation ?? ""))
    return new HttpError(422, "Validation Failed", [
      {
        resource: "IssueComment",
        code: "unprocessable",
        field: "data",
        message: `Body is too long (maximum is ${MAX_BODY_CHARS} characters)`,
      },
    ]);
  if (ISSUE_OPERATIONS.has(operation ?? ""))
    return new HttpError(422, "Validation Failed", [
      {
        resource: "Issue",
        code: "custom",
        field: "body",
        message: `body is too long (maximum is ${MAX_BODY_CHARS} characters)`,
      },
    ]);
  return undefined;
}
