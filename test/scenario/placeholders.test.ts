import { describe, expect, it } from "vitest";
import { PathOutsideWorkspaceError, PlaceholderError } from "../../src/scenario/errors.ts";
import { checkParameterValue, deriveExample } from "../../src/scenario/parameter-values.ts";
import {
  checkPlaceholders,
  findPlaceholders,
  isInsideWorkspace,
  renderPath,
  renderText,
} from "../../src/scenario/placeholders.ts";

describe("findPlaceholders", () => {
  it("finds names, filters and escapes; leaves ${x}, spaced and uppercase braces alone", () => {
    const text = "a {name} b {name|snake|ident} \\{lit} ${HOME} ${name} { a, b } {print $1} {Name} {x|}";
    expect(
      findPlaceholders(text).map((p) => [text.slice(p.start, p.end), p.name, p.filters, p.escaped]),
    ).toEqual([
      ["{name}", "name", [], false],
      ["{name|snake|ident}", "name", ["snake", "ident"], false],
      ["\\{lit}", "lit", [], true],
    ]);
  });
});

describe("checkPlaceholders", () => {
  it("knows the {layout_<key>} built-ins and names them for an unknown one", () => {
    expect(
      checkPlaceholders("{layout_services}/{layout_scope|kebab} {layout_users_table}", new Set()),
    ).toEqual([]);
    expect(checkPlaceholders("{layout_service}", new Set(["name"]))).toMatchInlineSnapshot(`
      [
        {
          "hint": "the layout placeholders are {layout_package_manager}, {layout_scope}, {layout_services}, {layout_services_index}, {layout_export_style}, {layout_pipelines}, {layout_migrations}, {layout_apps}, {layout_routes}, {layout_components}, {layout_users_table}",
          "message": "unknown placeholder {layout_service}",
          "offset": 0,
        },
      ]
    `);
  });

  it("reports unknown names and filters with their offsets", () => {
    expect(
      checkPlaceholders("{table} {tabel} {table|upper} {run_id} \\{x}", new Set(["table"])),
    ).toMatchInlineSnapshot(`
      [
        {
          "hint": "declare a parameter \`tabel\` or use one of: table, timestamp, run_id; write \\{tabel} for a literal brace",
          "message": "unknown placeholder {tabel}",
          "offset": 8,
        },
        {
          "hint": "expected one of pascal, camel, snake, kebab, ident",
          "message": "unknown filter "upper" in {table|upper}",
          "offset": 23,
        },
      ]
    `);
  });
});

describe("renderText", () => {
  it("substitutes values as text and unescapes literals", () => {
    expect(
      renderText("<p>\\{count}</p> {name|pascal} {port} {flag} {timestamp}", {
        name: "billing-service",
        port: 8080,
        flag: true,
        timestamp: "20260101000000",
      }),
    ).toBe("<p>{count}</p> BillingService 8080 true 20260101000000");
  });

  it("names a missing value", () => {
    expect(() => renderText("{name}", {})).toThrowError(PlaceholderError);
  });
});

describe("renderPath", () => {
  it("keeps paths inside the workspace", () => {
    expect(renderPath("packages/{name}/index.ts", { name: "billing" })).toBe("packages/billing/index.ts");
    expect(() => renderPath("packages/{name}/x", { name: "../../etc" })).toThrowError(
      PathOutsideWorkspaceError,
    );
    expect(() => renderPath("{name}", { name: "/etc/passwd" })).toThrowErrorMatchingInlineSnapshot(
      `[PathOutsideWorkspaceError: path "/etc/passwd" leaves the repository; file paths and cwd must stay inside it (no "..", not absolute)]`,
    );
  });

  it("knows what leaves the workspace", () => {
    expect(isInsideWorkspace("a/../b")).toBe(true);
    expect(isInsideWorkspace("a/../../b")).toBe(false);
    expect(isInsideWorkspace("C:\\x")).toBe(false);
    expect(isInsideWorkspace("a\0b")).toBe(false);
  });
});

describe("checkParameterValue", () => {
  it("coerces and checks each type", () => {
    expect(checkParameterValue({ type: "number", min: 1, max: 10 }, "5")).toEqual({ ok: true, value: 5 });
    expect(checkParameterValue({ type: "number" }, "5x")).toEqual({ ok: false, reason: "must be a number" });
    expect(checkParameterValue({ type: "number", max: 10 }, "11")).toEqual({
      ok: false,
      reason: "must be at most 10",
    });
    expect(checkParameterValue({ type: "boolean" }, "false")).toEqual({ ok: true, value: false });
    expect(checkParameterValue({ type: "enum", values: ["a", "b"] }, "c")).toEqual({
      ok: false,
      reason: "must be one of a, b",
    });
    expect(checkParameterValue({ type: "string", pattern: "[a-z]+" }, "abc1")).toMatchObject({ ok: false });
    expect(checkParameterValue({ type: "string", min: 2 }, "a")).toEqual({
      ok: false,
      reason: "must be at least 2 characters long",
    });
    expect(checkParameterValue({ type: "string", max: 2 }, "abc")).toEqual({
      ok: false,
      reason: "must be at most 2 characters long",
    });
  });

  it("derives an example that passes the rules", () => {
    expect(deriveExample({ type: "string", pattern: "^[a-z-]+$" }, "name")).toBe("name");
    expect(deriveExample({ type: "number", min: 3 }, "n")).toBe("3");
    expect(deriveExample({ type: "enum", values: ["x", "y"] }, "e")).toBe("x");
    expect(deriveExample({ type: "string", pattern: "^Z{9}$" }, "z")).toBeUndefined();
  });
});
