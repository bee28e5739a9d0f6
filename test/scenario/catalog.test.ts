import { describe, expect, it } from "vitest";
import { catalogFromFiles, loadCatalog } from "../../src/scenario/catalog.ts";
import { ScenarioDocumentError, UnknownScenarioError } from "../../src/scenario/errors.ts";
import { formatProblem } from "../../src/scenario/problems.ts";
import { doc, FIXTURES } from "../support/scenario-documents.ts";

const problemText = (c: { problems: readonly Parameters<typeof formatProblem>[0][] }) =>
  c.problems.map(formatProblem).join("\n");

describe("loadCatalog", () => {
  it("loads every document under a folder, templates apart", async () => {
    const catalog = await loadCatalog("catalog", { root: FIXTURES });
    expect(catalog.problems).toEqual([]);
    expect(catalog.scenarios.map((s) => [s.id, s.file])).toEqual([
      ["add-rls-policies", "catalog/database/add-rls-policies.md"],
      ["add-service-tests", "catalog/service/add-service-tests.md"],
      ["create-database-table", "catalog/database/create-database-table.md"],
    ]);
    expect(catalog.templates.map((t) => [t.id, t.template])).toEqual([["scenario-id", true]]);
    expect(catalog.runnable()).toHaveLength(3);
    expect(catalog.get("scenario-id")).toBeUndefined();
    expect(catalog.get("add-rls-policies")?.steps).toHaveLength(4);
    expect(catalog.files).toHaveLength(4);
  });

  it("answers an unknown id with the closest ones", async () => {
    const catalog = await loadCatalog("catalog", { root: FIXTURES });
    expect(() => catalog.require("add-rls")).toThrowError(UnknownScenarioError);
    expect(() => catalog.require("add-rls-policy")).toThrowErrorMatchingInlineSnapshot(
      `[UnknownScenarioError: unknown scenario "add-rls-policy"; did you mean add-rls-policies?]`,
    );
  });

  it("says where a missing folder was looked for", async () => {
    await expect(loadCatalog("nope", { root: FIXTURES })).rejects.toThrow(/ENOENT/);
  });
});

describe("catalogFromFiles", () => {
  it("names both files of a duplicate id", () => {
    const catalog = catalogFromFiles([
      { path: "scenarios/a.md", text: doc("same") },
      { path: "scenarios/b.md", text: doc("same") },
    ]);
    expect(problemText(catalog)).toMatchInlineSnapshot(`
      "scenarios/a.md:4:12: duplicate scenario id "same", also defined at scenarios/b.md:4:12
        hint: give one of them another id
      scenarios/b.md:4:12: duplicate scenario id "same", also defined at scenarios/a.md:4:12
        hint: give one of them another id"
    `);
    expect(catalog.scenarios).toEqual([]);
    expect(() => catalog.require("same")).toThrowError(/duplicate scenario id "same"/);
  });

  it("names the file and line of a missing dependency, with close ids", () => {
    const catalog = catalogFromFiles([
      { path: "scenarios/a.md", text: doc("create-table") },
      { path: "scenarios/b.md", text: doc("seed-table", "`create-tables` (required)") },
    ]);
    expect(problemText(catalog)).toMatchInlineSnapshot(`
      "scenarios/b.md:8:21: dependency "create-tables" of "seed-table" is not a scenario in this catalog
        hint: did you mean create-table?"
    `);
  });

  it("prints a cycle as a path", () => {
    const catalog = catalogFromFiles([
      { path: "scenarios/a.md", text: doc("a", "`b`") },
      { path: "scenarios/b.md", text: doc("b", "`c` (recommended)") },
      { path: "scenarios/c.md", text: doc("c", "`a` (optional)") },
    ]);
    expect(problemText(catalog)).toMatchInlineSnapshot(`
      "scenarios/a.md:8:21: dependency cycle a -> b -> c -> a
        hint: remove one of these dependencies: a scenario cannot run before itself"
    `);
  });

  it("does not call a dependency missing when its document is only broken", () => {
    const catalog = catalogFromFiles([
      { path: "scenarios/a.md", text: doc("a", "`b`") },
      { path: "scenarios/b.md", text: doc("b").replace("[automated]", "[automatic]") },
    ]);
    expect(problemText(catalog)).toMatchInlineSnapshot(`
      "scenarios/b.md:14:14: unknown step kind "[automatic]"; expected one of automated, manual, validation, checkpoint
        hint: a step's kind says how it runs"
    `);
    expect(catalog.ids()).toEqual(["a", "b"]);
    expect(() => catalog.require("b")).toThrowError(ScenarioDocumentError);
    expect(() => catalog.require("b")).toThrowError(/scenarios\/b.md:14:14: unknown step kind/);
  });

  it("lets templates share an id", () => {
    const catalog = catalogFromFiles([
      { path: "scenarios/templates/x.md", text: doc("scenario-id") },
      { path: "scenarios/templates/y.md", text: doc("scenario-id") },
      { path: "scenarios/real.md", text: doc("scenario-id") },
    ]);
    expect(catalog.problems).toEqual([]);
    expect(catalog.templates).toHaveLength(2);
    expect(catalog.scenarios.map((s) => s.id)).toEqual(["scenario-id"]);
  });
});
