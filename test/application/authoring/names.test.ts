// The names a recipe's reader would replace, as parameters and placeholders.
import { describe, expect, it } from "vitest";
import { guessNames } from "../../../src/application/authoring/names.ts";

const prose = (text: string) => ({ text, code: false });
const code = (text: string) => ({ text, code: true });

describe("guessNames", () => {
  it("gives your-service, YourService and yourService one parameter with the filters of their case", () => {
    const texts = [
      prose("mkdir packages/your-service"),
      code("export const yourService = YourService.get();"),
    ];
    const names = guessNames(texts);
    expect(names.parameters.map((p) => [p.name, p.base, p.spellings])).toEqual([
      ["service", "kebab", ["your-service", "yourService", "YourService"]],
    ]);
    expect(names.rewrite(texts[1]?.text ?? "", true)).toBe(
      "export const {service|camel} = {service|pascal}.get();",
    );
  });

  it("reads snake names glued to their neighbours as snake", () => {
    const names = guessNames([code("CREATE TABLE {prefix}_your_table_name (id uuid);")]);
    expect(names.parameters.map((p) => [p.name, p.base])).toEqual([
      ["prefix", "snake"],
      ["table", "snake"],
    ]);
    expect(names.rewrite("CREATE TABLE {prefix}_your_table_name (id uuid);", true)).toBe(
      "CREATE TABLE {prefix}_{table} (id uuid);",
    );
  });

  it("makes 98XX a number within its range and [YOUR_PORT] the same parameter", () => {
    const names = guessNames([prose("curl localhost:98XX/health"), code("const PORT = [YOUR_PORT];")]);
    expect(names.parameters).toEqual([
      {
        name: "port",
        kind: "number",
        base: "kebab",
        spellings: ["98XX", "[YOUR_PORT]"],
        min: 9800,
        max: 9899,
      },
    ]);
    expect(names.rewrite("const PORT = [YOUR_PORT];", true)).toBe("const PORT = {port};");
  });

  it("turns [date] and {date} into the timestamp built-in", () => {
    const names = guessNames([prose("supabase/migrations/[date]_add_[your_proxy_name].sql")]);
    expect(names.parameters.map((p) => p.name)).toEqual(["proxy"]);
    expect(names.rewrite("supabase/migrations/[date]_add_[your_proxy_name].sql", false)).toBe(
      "supabase/migrations/{timestamp}_add_{proxy}.sql",
    );
  });

  it("leaves JSX expressions alone and escapes them, but takes {name} glued to a path", () => {
    const jsx = code("<div>Error: {error}</div>\nimport x from '@shared/services/{service}';");
    const names = guessNames([jsx]);
    expect(names.parameters.map((p) => p.name)).toEqual(["service"]);
    expect(names.rewrite(jsx.text, true)).toBe(
      "<div>Error: \\{error}</div>\nimport x from '@shared/services/{service}';",
    );
  });

  it("takes a bare [UPPER] only when a stronger sign named it, never [METHOD] alone", () => {
    expect(guessNames([code("'[METHOD] /path'")]).parameters).toEqual([]);
    const names = guessNames([code("port: [YOUR_PORT], url: 'localhost:[PORT]'")]);
    expect(names.parameters.map((p) => p.spellings)).toEqual([["[YOUR_PORT]", "[PORT]"]]);
  });
});
