import { describe, expect, it } from "vitest";
import { catalogFromFiles } from "../../src/scenario/catalog.ts";
import { DependencyCycleError, UnknownScenarioError } from "../../src/scenario/errors.ts";
import { dependencyOrder, findCycles } from "../../src/scenario/graph.ts";
import { toMermaid } from "../../src/scenario/mermaid.ts";
import { doc } from "../support/scenario-documents.ts";

const scenarios = (specs: Record<string, string>) =>
  catalogFromFiles(
    Object.entries(specs).map(([id, deps]) => ({ path: `scenarios/${id}.md`, text: doc(id, deps) })),
  ).scenarios;

describe("dependencyOrder", () => {
  const all = scenarios({
    app: "`api` (required), `docs` (recommended)",
    api: "`db`",
    db: "none",
    docs: "`db` (optional)",
  });

  it("puts dependencies first", () => {
    expect(dependencyOrder(all).map((s) => s.id)).toEqual(["db", "api", "docs", "app"]);
    expect(dependencyOrder(all, "app").map((s) => s.id)).toEqual(["db", "api", "docs", "app"]);
  });

  it("takes a catalog as well as its scenarios", () => {
    expect(dependencyOrder({ scenarios: all }, "app")).toEqual(dependencyOrder(all, "app"));
  });

  it("follows only the dependency types asked for", () => {
    expect(dependencyOrder(all, "app", { types: ["required"] }).map((s) => s.id)).toEqual([
      "db",
      "api",
      "app",
    ]);
  });

  it("names an unknown id with the closest", () => {
    expect(() => dependencyOrder(all, "ap")).toThrowError(UnknownScenarioError);
  });

  it("throws on a cycle, naming it", () => {
    const cyclic = scenarios({ a: "`b`", b: "`c`", c: "`a`" });
    expect(findCycles(cyclic)).toEqual([["a", "b", "c", "a"]]);
    expect(() => dependencyOrder(cyclic, "a")).toThrowError(DependencyCycleError);
    expect(() => dependencyOrder(cyclic, "b")).toThrowErrorMatchingInlineSnapshot(
      `[DependencyCycleError: scenarios/a.md:8:21: dependency cycle b -> c -> a -> b; remove one of these dependencies]`,
    );
  });
});

describe("toMermaid", () => {
  const all = scenarios({
    app: "`api` (required), `docs` (recommended)",
    api: "`db`, `ghost` (optional)",
    db: "none",
    docs: "none",
  });

  it("draws the whole catalog", () => {
    expect(toMermaid(all)).toMatchInlineSnapshot(`
      "flowchart LR
        s_api["api<br/><small>infra</small>"]
        s_app["app<br/><small>infra</small>"]
        s_db["db<br/><small>infra</small>"]
        s_docs["docs<br/><small>infra</small>"]
        s_ghost["ghost<br/><small>missing</small>"]:::missing
        s_db --> s_api
        s_ghost -.->|optional| s_api
        s_api --> s_app
        s_docs -.->|recommended| s_app
        classDef selected stroke-width:3px
        classDef missing stroke-dasharray:4 4
      "
    `);
  });

  it("draws one scenario with what it depends on", () => {
    expect(toMermaid(all, "api")).toMatchInlineSnapshot(`
      "flowchart LR
        s_api["api<br/><small>infra</small>"]:::selected
        s_db["db<br/><small>infra</small>"]
        s_ghost["ghost<br/><small>missing</small>"]:::missing
        s_db --> s_api
        s_ghost -.->|optional| s_api
        classDef selected stroke-width:3px
        classDef missing stroke-dasharray:4 4
      "
    `);
  });

  it("takes a catalog as well as its scenarios", () => {
    expect(toMermaid({ scenarios: all }, "api")).toBe(toMermaid(all, "api"));
  });

  it("refuses an unknown id", () => {
    expect(() => toMermaid(all, "nope")).toThrowError(UnknownScenarioError);
  });
});
