import { describe, expect, it } from "vitest";
import { FilterError } from "../../src/scenario/errors.ts";
import { applyFilter, applyFilters, sqlIdent, words } from "../../src/scenario/filters.ts";

describe("case filters", () => {
  const cases: [string, string, string, string, string][] = [
    ["billing-service", "BillingService", "billingService", "billing_service", "billing-service"],
    ["billing_service", "BillingService", "billingService", "billing_service", "billing-service"],
    ["BillingService", "BillingService", "billingService", "billing_service", "billing-service"],
    ["HTTPServer2", "HttpServer2", "httpServer2", "http_server2", "http-server2"],
    ["user profile page", "UserProfilePage", "userProfilePage", "user_profile_page", "user-profile-page"],
    ["café-menü", "CaféMenü", "caféMenü", "café_menü", "café-menü"],
  ];
  for (const [input, pascal, camel, snake, kebab] of cases) {
    it(`converts ${input}`, () => {
      expect([pascal, camel, snake, kebab]).toEqual(
        (["pascal", "camel", "snake", "kebab"] as const).map((f) => applyFilter(f, input)),
      );
    });
  }

  it("splits words on separators and case changes", () => {
    expect(words("parseHTMLDocument_v2-final")).toEqual(["parse", "html", "document", "v2", "final"]);
  });

  it("refuses a value with no letters or digits", () => {
    expect(() => applyFilter("pascal", "--")).toThrowErrorMatchingInlineSnapshot(
      `[FilterError: filter "pascal" cannot handle "--": it holds no letters or digits]`,
    );
  });

  it("chains filters left to right", () => {
    expect(applyFilters("Order Items", ["snake", "ident"])).toBe("order_items");
    expect(applyFilters("Order", ["pascal", "ident"])).toBe('"Order"');
  });

  it("refuses an unknown filter", () => {
    expect(() => applyFilters("x", ["upper"])).toThrowError(FilterError);
  });
});

describe("ident", () => {
  it("keeps a plain lowercase non-reserved name bare", () => {
    expect(sqlIdent("users")).toBe("users");
    expect(sqlIdent("_private_2")).toBe("_private_2");
  });

  it("quotes reserved words, capitals, digits first, spaces and quotes", () => {
    expect(sqlIdent("user")).toBe('"user"');
    expect(sqlIdent("order")).toBe('"order"');
    expect(sqlIdent("Order")).toBe('"Order"');
    expect(sqlIdent("2fa")).toBe('"2fa"');
    expect(sqlIdent("a b")).toBe('"a b"');
    expect(sqlIdent('x"; drop table users; --')).toBe('"x""; drop table users; --"');
  });

  it("refuses NUL, empty and over-long identifiers", () => {
    expect(() => sqlIdent("a\0b")).toThrowErrorMatchingInlineSnapshot(
      `[FilterError: filter "ident" cannot handle "a\\u0000b": an identifier cannot hold a NUL character]`,
    );
    expect(() => sqlIdent("")).toThrowError(FilterError);
    expect(() => sqlIdent("a".repeat(64))).toThrowError(/63 bytes/);
  });
});
