// Which file of a Next.js app answers a path, as Next.js reads its app/ and pages/ folders.
import { describe, expect, it } from "vitest";
import {
  appRoute,
  nextRouter,
  pageFile,
  pagesRoute,
  STATIC_ROUTE,
} from "../../../../src/cli/commands/helpers/next-routes.ts";

describe("appRoute", () => {
  it("reads a page's and a route handler's path, without groups and slots", () => {
    expect(appRoute("billing/page.tsx")).toBe("/billing");
    expect(appRoute("page.tsx")).toBe("/");
    expect(appRoute("(marketing)/pricing/page.mdx")).toBe("/pricing");
    expect(appRoute("dashboard/@team/settings/page.jsx")).toBe("/dashboard/settings");
    expect(appRoute("api/health/route.ts")).toBe("/api/health");
    expect(appRoute("blog/[slug]/page.tsx")).toBe("/blog/[slug]");
  });

  it("answers nothing for other files, private folders and intercepting routes", () => {
    expect(appRoute("billing/layout.tsx")).toBeUndefined();
    expect(appRoute("billing/page.test.tsx")).toBeUndefined();
    expect(appRoute("billing/route.tsx")).toBeUndefined();
    expect(appRoute("_components/page.tsx")).toBeUndefined();
    expect(appRoute("feed/(..)photo/page.tsx")).toBeUndefined();
    expect(appRoute("(.)photo/page.tsx")).toBeUndefined();
  });
});

describe("pagesRoute", () => {
  it("reads a page's path, index files as their folder", () => {
    expect(pagesRoute("billing.tsx")).toBe("/billing");
    expect(pagesRoute("settings/index.jsx")).toBe("/settings");
    expect(pagesRoute("index.tsx")).toBe("/");
    expect(pagesRoute("api/health.ts")).toBe("/api/health");
  });

  it("answers nothing for _app, _document and files of other kinds", () => {
    expect(pagesRoute("_app.tsx")).toBeUndefined();
    expect(pagesRoute("_document.tsx")).toBeUndefined();
    expect(pagesRoute("styles.css")).toBeUndefined();
  });
});

describe("nextRouter", () => {
  const folders =
    (...dirs: string[]) =>
    (dir: string) =>
      dirs.includes(dir);

  it("puts a new page in app/, at the root unless only src/ has a router", () => {
    expect(nextRouter(folders("app", "src/app"))).toEqual({
      kind: "app",
      dir: "app",
      dirs: [{ kind: "app", dir: "app" }],
    });
    expect(nextRouter(folders("src/app"))).toMatchObject({ kind: "app", dir: "src/app" });
    expect(nextRouter(folders("pages", "src/app"))).toMatchObject({ kind: "pages", dir: "pages" });
    expect(nextRouter(folders("src/pages"))).toMatchObject({ kind: "pages", dir: "src/pages" });
    expect(nextRouter(folders())).toEqual({ kind: "app", dir: "app", dirs: [] });
  });

  it("reads both routers of an app that has both (their paths must not clash)", () => {
    expect(nextRouter(folders("app", "pages")).dirs).toEqual([
      { kind: "app", dir: "app" },
      { kind: "pages", dir: "pages" },
    ]);
  });
});

describe("pageFile and STATIC_ROUTE", () => {
  it("names the page file of each router", () => {
    expect(pageFile({ kind: "app", dir: "src/app" }, "/settings/team")).toBe(
      "src/app/settings/team/page.tsx",
    );
    expect(pageFile({ kind: "pages", dir: "pages" }, "/billing")).toBe("pages/billing.tsx");
    expect(pageFile({ kind: "app", dir: "app" }, "/billing", false)).toBe("app/billing/page.jsx");
  });

  it("takes plain segments only", () => {
    expect(STATIC_ROUTE.test("/billing")).toBe(true);
    expect(STATIC_ROUTE.test("/settings/team-2")).toBe(true);
    for (const bad of ["/", "billing", "/blog/[slug]", "/../x", "/a//b", "/(group)/x", "/a b"]) {
      expect(STATIC_ROUTE.test(bad), bad).toBe(false);
    }
  });
});
