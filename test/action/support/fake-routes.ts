// Endpoints the Action needs beyond what the shared GitHub fake serves, added to it from here (the
// fake belongs to the App's tests): `GET /repos/{owner}/{repo}/issues` (list, filtered by labels and
// state, as GitHub does; it lists pull requests too, marked by `pull_request`).
import { findRepo } from "../../support/github-fake/index.ts";
import { type Route, routes } from "../../support/github-fake/routes.ts";
import * as shape from "../../support/github-fake/shapes.ts";

const LIST_ISSUES: Route = {
  method: "GET",
  pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues$/,
  keys: ["owner", "repo"],
  auth: "repo",
  handler: (ctx) => {
    const repo = findRepo(ctx.state, ctx.params.owner as string, ctx.params.repo as string);
    if (!repo)
      return {
        status: 404,
        body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
      };
    const state = ctx.query.get("state") ?? "open";
    const labels = (ctx.query.get("labels") ?? "").split(",").filter(Boolean);
    const perPage = Math.min(Number(ctx.query.get("per_page") ?? 30), 100);
    const page = Number(ctx.query.get("page") ?? 1);
    const list = [...repo.issues.values()]
      .filter((i) => (state === "all" || i.state === state) && labels.every((l) => i.labels.includes(l)))
      .sort((a, b) => b.number - a.number);
    return {
      status: 200,
      body: list.slice((page - 1) * perPage, page * perPage).map((i) => shape.issue(ctx.base, repo, i)),
    };
  },
};

/** Adds the routes once per process (vitest runs each file in its own). */
export function addActionRoutes(): void {
  if (!routes.includes(LIST_ISSUES)) routes.push(LIST_ISSUES);
}
