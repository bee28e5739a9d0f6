// `scenario find-export <module> [<name>...]`: the module a path names, and where each name it exports
// is declared (followed through re-exports), as `file:line: kind name`. A document checks a service by
// what its module exports, not by the file layout one scenario happens to create.
import path from "node:path";
import type { Command } from "commander";
import type { CommandContext } from "../index.ts";

export function registerFindExport(program: Command, ctx: CommandContext): void {
  program
    .command("find-export")
    .description(
      "Resolve a module as an import names it (x.ts, x/index.ts, ...); with names, print where each export is declared (file:line: kind name), followed through re-exports. Class.member: a static member of an exported class. Exit 1 when the module or a name is missing.",
    )
    .argument("<module>", "the module, relative to the working directory, without or with its extension")
    .argument("[names...]", "exported names (Name, or Class.member for a static member)")
    .action(async (module: string, names: string[]) => {
      const { ExportNotFound, MODULE_EXTENSIONS, ModuleReader, resolveModule } = await import(
        "./module-exports.ts"
      );
      const cwd = ctx.io.cwd;
      const shown = (file: string) => path.relative(cwd, file).split(path.sep).join("/");
      const file = await resolveModule(cwd, module);
      if (!file) {
        const exts = MODULE_EXTENSIONS.map((e) => e.slice(1)).join(",");
        ctx.io.stderr(
          `find-export: no module ${module}: neither ${module}.{${exts}} nor ${module}/index.{${exts}} is a file\n`,
        );
        ctx.setExitCode(1);
        return;
      }
      if (names.length === 0) {
        ctx.io.stdout(`${shown(file)}\n`);
        return;
      }
      const reader = new ModuleReader(shown);
      for (const name of names) {
        try {
          const found = await reader.find(file, name);
          ctx.io.stdout(`${shown(found.file)}:${found.line}: ${found.kind} ${found.name}\n`);
        } catch (error) {
          if (!(error instanceof ExportNotFound)) throw error;
          const exported = error.absent ? await reader.exportedNames(file).catch(() => []) : [];
          const listed = exported.length
            ? ` It exports: ${exported.slice(0, 12).join(", ")}${exported.length > 12 ? ", ..." : ""}.`
            : "";
          ctx.io.stderr(`find-export: ${shown(file)} ${error.message}.${listed}\n`);
          ctx.setExitCode(1);
        }
      }
    });
}
