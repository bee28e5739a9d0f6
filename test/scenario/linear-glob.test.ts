// Trigger globs are matched by RE2 in time linear in the path, with the meaning node's
// path.matchesGlob (minimatch) gives them: the same answers on the cases triggers use.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expandBraces, globProblem, linearGlob, MAX_ALTERNATIVES } from "../../src/scenario/linear-glob.ts";
import { cpuMs } from "../support/cpu-time.ts";

const CASES: [string, string][] = [
  [".env", "*"],
  ["a/.b/c.ts", "a/**/*.ts"],
  ["a/b/c.ts", "a/**/*.ts"],
  ["a/c.ts", "a/**/*.ts"],
  ["a/c.ts", "a/**"],
  ["a", "a/**"],
  [".env.example", ".env.example"],
  ["x/.env", "**/.env"],
  ["x/.env", "**/*"],
  ["ab", "a{b,c}"],
  ["ac", "a{b,c}"],
  ["a{b}", "a{b}"],
  ["a/b", "a?b"],
  ["a.b", "[!a].b"],
  ["b.b", "[!a].b"],
  [".b", "[!a]b"],
  ["A.TS", "*.ts"],
  [".ts", "*.ts"],
  ["abc", "a**c"],
  ["a/b/c", "a**c"],
  ["a/x/y/b", "a/**/b"],
  ["a/b", "a/**/b"],
  ["x/a", "**/a"],
  ["a", "**/a"],
  ["ab", "a[b-c]"],
  ["ad", "a[b-c]"],
  ["a]", "a]"],
  ["a[", "a["],
  ["a.b", "*.{b,c}"],
  ["a/b.ts", "**"],
  ["a/.b", "**"],
  [".a/b", "**/b"],
  ["supabase/migrations/20260101_x.sql", "supabase/migrations/*.sql"],
  ["supabase/migrations/sub/x.sql", "supabase/migrations/*.sql"],
  ["apps/web/src/components/Button.tsx", "apps/*/src/components/*.tsx"],
  ["packages/shared/services/auth/index.ts", "packages/shared/services/*/*.ts"],
  ["packages/shared/config/a/b.ts", "packages/shared/config/**"],
  ["a+b", "a+b"],
  ["a(b)", "a(b)"],
  ["a$b", "a$b"],
  ["ab", "*?"],
  ["a", "*?"],
  [".a", "*?"],
  ["x.md", "{*.md,docs/**}"],
  ["docs/a/b", "{*.md,docs/**}"],
];

describe("linearGlob", () => {
  it.each(CASES)("matches %s against %s the way path.matchesGlob does", (file, glob) => {
    expect(linearGlob(glob)(file)).toBe(path.posix.matchesGlob(file, glob));
  });

  it("matches a 200-character name against `*a*a*a*a*a*b` in linear time (path.matchesGlob: over 2 minutes)", () => {
    const glob = "*a*a*a*a*a*b";
    for (const n of [200, 4000]) {
      expect(cpuMs(() => expect(linearGlob(glob)("a".repeat(n))).toBe(false))).toBeLessThan(100);
    }
    const deep = "**/a/**/a/**/a/**/a/**/b";
    expect(cpuMs(() => expect(linearGlob(deep)(Array(2000).fill("a").join("/"))).toBe(false))).toBeLessThan(
      200,
    );
  });

  it(`refuses a glob that expands to more than ${MAX_ALTERNATIVES} alternatives, saying so`, () => {
    expect(expandBraces("{a,b}{c,d}")).toEqual(["ac", "ad", "bc", "bd"]);
    expect(globProblem("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}")).toBe(
      `the glob expands to more than ${MAX_ALTERNATIVES} alternatives`,
    );
    expect(globProblem("supabase/migrations/*.sql")).toBeUndefined();
  });
});
