import { describe, expect, it } from "vitest";
import { addExport } from "../../../../src/cli/commands/helpers/add-export.ts";
import { spawnCli } from "../../support/spawn-cli.ts";
import { tempFiles } from "./temp-files.ts";

describe("scenario add-export", { timeout: 120_000 }, () => {
  it("adds export * after the last re-export of a dhg-style index without a final newline, once", async () => {
    const { dir, read } = tempFiles({
      "services/index.ts":
        "// Shared services\nexport * from './claude-service';\nexport * from './formatter-service'",
    });
    const argv = ["add-export", "services/index.ts", "email-digest-service"];
    expect(await spawnCli(dir, argv)).toEqual({
      code: 0,
      out: "add-export: services/index.ts: export * from './email-digest-service';\n",
      err: "",
    });
    const once = read("services/index.ts");
    expect(once).toBe(
      "// Shared services\nexport * from './claude-service';\nexport * from './formatter-service'\nexport * from './email-digest-service';\n",
    );
    const again = await spawnCli(dir, ["add-export", "services/index.ts", "./email-digest-service/index.ts"]);
    expect(again.code).toBe(0);
    expect(again.out).toContain("already exports from");
    expect(read("services/index.ts")).toBe(once);
  });

  it("follows the file's double quotes and missing semicolons, and the layout's named style", async () => {
    const { dir, read } = tempFiles({
      "index.ts": 'export { a } from "./a"\nexport { b } from "./b"\n\nconst x = 1\n',
    });
    const r = await spawnCli(dir, ["add-export", "index.ts", "./mail", "--names", "sendDigest, Digest"], {
      SCENARIO_LAYOUT_EXPORT_STYLE: "named",
    });
    expect(r.code).toBe(0);
    expect(read("index.ts")).toBe(
      'export { a } from "./a"\nexport { b } from "./b"\nexport { sendDigest, Digest } from "./mail"\n\nconst x = 1\n',
    );
  });

  it("creates a missing index; exits 1 when its folder does not exist", async () => {
    const { dir, read } = tempFiles({ "pkg/README.md": "x" });
    expect(
      (await spawnCli(dir, ["add-export", "pkg/index.ts", "./x"], { SCENARIO_LAYOUT_EXPORT_STYLE: "" })).code,
    ).toBe(0);
    expect(read("pkg/index.ts")).toBe("export * from './x';\n");
    const noFolder = await spawnCli(dir, ["add-export", "nope/index.ts", "./y", "--style", "default"]);
    expect(noFolder).toMatchObject({
      code: 1,
      err: 'add-export: nope/index.ts: --style must be star or named, not "default"\n',
    });
    const bad = await spawnCli(dir, ["add-export", "nope/index.ts", "./y"]);
    expect(bad).toMatchObject({ code: 1, err: "add-export: nope/index.ts: its folder does not exist\n" });
  });

  it("refuses the named style without names; type exports; the file's style when none is given", () => {
    expect(() => addExport("", "./y", { style: "named" })).toThrow("the named style needs --names a,b");
    expect(
      addExport("export type { A } from './a';\n", "./b", { style: "named", names: ["B"], type: true }),
    ).toMatchObject({
      text: "export type { A } from './a';\nexport type { B } from './b';\n",
    });
    expect(addExport("export * from './a';\n", "./b", { names: ["B"] })).toMatchObject({
      line: "export * from './b';",
    });
    expect(addExport("export { a } from './a';\n", "./b", { names: ["b"] })).toMatchObject({
      line: "export { b } from './b';",
    });
    expect(addExport("export {\n  a,\n} from './a';\nexport const z = 1;\n", "./a.js", {})).toMatchObject({
      changed: false,
    });
  });

  it("names a module's value exports in a named index when no --names are given (supa-saas's services)", async () => {
    // packages/database/src/services/index.ts in crazyrabbitLTC/supa-saas, shortened.
    const { dir, read } = tempFiles({
      "services/index.ts":
        "/**\n * @file Service Exports\n */\n\n// Export the team service\nexport { teamService } from './teamService';\n",
      "services/billing-service/index.ts":
        "export { billingService, BillingService } from './billing-service';\n",
      "services/billing-service/billing-service.ts":
        "export interface BillingServiceHealth {\n  ok: boolean;\n}\nexport class BillingService {}\nexport const billingService = new BillingService();\n",
    });
    const r = await spawnCli(dir, ["add-export", "services/index.ts", "./billing-service"], {
      SCENARIO_LAYOUT_EXPORT_STYLE: "named",
    });
    expect(r).toEqual({
      code: 0,
      out: "add-export: services/index.ts: export { billingService, BillingService } from './billing-service';\n",
      err: "",
    });
    expect(read("services/index.ts")).toContain(
      "export { teamService } from './teamService';\nexport { billingService, BillingService } from './billing-service';\n",
    );
    const none = await spawnCli(dir, ["add-export", "services/index.ts", "./missing"], {
      SCENARIO_LAYOUT_EXPORT_STYLE: "named",
    });
    expect(none.code).toBe(1);
    expect(none.err).toContain("./missing exports no value to name");
  });
});
