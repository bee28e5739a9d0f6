import path from "node:path";
import { describe, expect, it } from "vitest";
import { ModuleReader, resolveModule } from "../../../../src/cli/commands/helpers/module-exports.ts";
import { spawnCli } from "../../support/spawn-cli.ts";
import { tempFiles } from "./temp-files.ts";

// The three shapes dhg-mono's shared services take: a folder with the class beside its index (d24a0dfa's
// formatter-service), a folder whose index re-exports a `-refactored` folder (development's), one file.
const SERVICES = {
  "services/index.ts": [
    'export * from "./formatter-service"; // Formatter service',
    "export * from './legacy-service';",
  ].join("\n"),
  "services/formatter-service/formatter-service.ts": [
    "export class FormatterService {",
    "  private static instance: FormatterService;",
    "  public static getInstance(): FormatterService {",
    "    return (FormatterService.instance ??= new FormatterService());",
    "  }",
    "}",
    "export const formatterService = FormatterService.getInstance();",
  ].join("\n"),
  "services/formatter-service/index.ts":
    "export { formatterService, FormatterService } from './formatter-service';",
  "services/audio-service/index.ts":
    "// Re-export from refactored version for backwards compatibility\nexport * from '../audio-service-refactored';",
  "services/audio-service-refactored/index.ts": [
    "export { AudioService, audioService, type AudioOptions } from './AudioService';",
  ].join("\n"),
  "services/audio-service-refactored/AudioService.ts": [
    "import { SingletonService } from '../base-classes/SingletonService';",
    "export interface AudioOptions { rate: number }",
    "export class AudioService extends SingletonService {",
    "  private static instance: AudioService;",
    "  public static getInstance(): AudioService { return (AudioService.instance ??= new AudioService()); }",
    "}",
    "export const audioService = AudioService.getInstance();",
  ].join("\n"),
  "services/classify-service.ts": [
    "import { helper as localHelper } from './helpers.js';",
    "class ClassifyService {",
    "  static getInstance() { return new ClassifyService(); }",
    "  static readonly label = 'classify';",
    "}",
    "const classifyService = ClassifyService.getInstance();",
    "export { ClassifyService, classifyService, localHelper as helper };",
    "export default classifyService;",
  ].join("\n"),
  "services/helpers.ts": "export function helper() {}\n",
  "services/legacy-service.ts":
    "export * from '@dhg/shared-legacy';\nexport const { legacyA, legacyB: renamed } = { legacyA: 1, legacyB: 2 };\n",
  "services/plain.ts": "export const notAClass = 1;\nexport class NoStatics { getInstance() {} }\n",
};

describe("scenario find-export", { timeout: 120_000 }, () => {
  it("resolves a module as an import names it: a file, or a folder's index", async () => {
    const { dir } = tempFiles(SERVICES);
    expect(await resolveModule(dir, "services/classify-service")).toBe(
      path.join(dir, "services/classify-service.ts"),
    );
    expect(await resolveModule(dir, "services/formatter-service")).toBe(
      path.join(dir, "services/formatter-service/index.ts"),
    );
    // An ESM-style `.js` specifier names the `.ts` file, as TypeScript reads it.
    expect(await resolveModule(path.join(dir, "services"), "./helpers.js")).toBe(
      path.join(dir, "services/helpers.ts"),
    );
    expect(await resolveModule(dir, "services/missing")).toBeUndefined();
  });

  it("prints the module when no name is asked, and where each export is declared, through re-exports", async () => {
    const { dir } = tempFiles(SERVICES);
    const module = await spawnCli(dir, ["find-export", "services/audio-service"]);
    expect(module).toEqual({ code: 0, out: "services/audio-service/index.ts\n", err: "" });

    const found = await spawnCli(dir, [
      "find-export",
      "services/audio-service",
      "AudioService.getInstance",
      "audioService",
      "AudioOptions",
    ]);
    expect(found.err).toBe("");
    expect(found.code).toBe(0);
    expect(found.out).toBe(
      [
        "services/audio-service-refactored/AudioService.ts:5: static method AudioService.getInstance",
        "services/audio-service-refactored/AudioService.ts:7: const audioService",
        "services/audio-service-refactored/AudioService.ts:2: interface AudioOptions",
        "",
      ].join("\n"),
    );
  });

  it("follows local export lists, imports re-exported, default exports and destructured consts", async () => {
    const { dir } = tempFiles(SERVICES);
    const reader = new ModuleReader();
    const classify = path.join(dir, "services/classify-service.ts");
    const at = async (file: string, name: string) => {
      const d = await reader.find(file, name);
      return `${path.relative(dir, d.file)}:${d.line}: ${d.kind} ${d.name}`;
    };
    expect(await at(classify, "ClassifyService.getInstance")).toBe(
      "services/classify-service.ts:3: static method ClassifyService.getInstance",
    );
    expect(await at(classify, "ClassifyService.label")).toBe(
      "services/classify-service.ts:4: static property ClassifyService.label",
    );
    expect(await at(classify, "helper")).toBe("services/helpers.ts:1: function helper");
    expect(await at(classify, "default")).toBe("services/classify-service.ts:8: default default");
    const index = path.join(dir, "services/index.ts");
    expect(await at(index, "renamed")).toBe("services/legacy-service.ts:2: const renamed");
    expect(await at(index, "FormatterService")).toBe(
      "services/formatter-service/formatter-service.ts:1: class FormatterService",
    );
  });

  it("exits 1 naming what is missing: the module, a name (with what it exports), a static member", async () => {
    const { dir } = tempFiles(SERVICES);
    const noModule = await spawnCli(dir, ["find-export", "services/email-digest-service"]);
    expect(noModule.code).toBe(1);
    expect(noModule.out).toBe("");
    expect(noModule.err).toBe(
      "find-export: no module services/email-digest-service: neither services/email-digest-service.{ts,tsx,d.ts,mts,cts,js,jsx,mjs,cjs} nor services/email-digest-service/index.{ts,tsx,d.ts,mts,cts,js,jsx,mjs,cjs} is a file\n",
    );

    const names = await spawnCli(dir, [
      "find-export",
      "services/plain.ts",
      "notAClass.getInstance",
      "NoStatics.getInstance",
      "Missing",
    ]);
    expect(names.code).toBe(1);
    expect(names.err).toBe(
      [
        "find-export: services/plain.ts exports notAClass as a const, not a class with a static getInstance.",
        "find-export: services/plain.ts exports class NoStatics (services/plain.ts:2), which declares no static member getInstance (inherited ones are not followed).",
        "find-export: services/plain.ts does not export Missing. It exports: notAClass, NoStatics.",
        "",
      ].join("\n"),
    );

    // A name that could come from a package re-export is not guessed: the message says it was not followed.
    const viaPackage = await spawnCli(dir, ["find-export", "services/index.ts", "legacyThing"]);
    expect(viaPackage.code).toBe(1);
    expect(viaPackage.err).toMatch(
      /^find-export: services\/index\.ts does not export legacyThing \(re-exports of packages are not followed: @dhg\/shared-legacy\)\. It exports: /,
    );
  });
});
