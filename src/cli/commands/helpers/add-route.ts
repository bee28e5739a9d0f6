// `scenario add-route <file> --path /x --component XPage --from ./pages/XPage`: a helper for scenario
// steps (called as "$SCENARIO_CLI" add-route), so a target repository needs no script of its own.
// Adds the `<Route>` and the page's import to an app's routes file; running it twice changes nothing.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { CommandContext } from "../index.ts";

interface Flags {
  path: string;
  component: string;
  from: string;
  wrap: boolean;
  remove?: boolean;
}

export function registerAddRoute(program: Command, ctx: CommandContext): void {
  program
    .command("add-route")
    .description(
      "Add a <Route> and its page import to a React app's routes file (src/App.tsx), wrapped like the route above it; idempotent.",
    )
    .argument("<file>", "the file with the <Routes> block, e.g. apps/dhg-admin-code/src/App.tsx")
    .requiredOption("--path <path>", "the URL path, e.g. /server-status")
    .requiredOption("--component <name>", "the page component, e.g. ServerStatusPage")
    .requiredOption("--from <module>", "where the component is imported from, e.g. ./pages/ServerStatusPage")
    .option("--no-wrap", "do not wrap the element like the route above it (a public page)")
    .option("--remove", "take the route and its import line out again (a scenario's rollback)")
    .action(async (file: string, flags: Flags) => {
      // The edit (and its packages) loads when the command runs, not for every `--help`.
      const { addRoute, removeRoute } = await import("./route-edit.ts");
      const target = path.resolve(ctx.io.cwd, file);
      let source: string;
      try {
        source = readFileSync(target, "utf8");
      } catch {
        ctx.io.stderr(`add-route: ${file}: no such file; name the app's routes file (src/App.tsx).\n`);
        ctx.setExitCode(1);
        return;
      }
      const request = { path: flags.path, component: flags.component, from: flags.from, noWrap: !flags.wrap };
      const edit = flags.remove ? removeRoute(source, request) : addRoute(source, request);
      if (edit.status === "refused") {
        ctx.io.stderr(`add-route: ${file}: ${edit.reason}.\n`);
        ctx.setExitCode(1);
        return;
      }
      if (edit.status === "unchanged") {
        const state = flags.remove ? "does not route" : "already routes";
        ctx.io.stdout(`${file}: ${flags.path} ${state} to <${flags.component} />; nothing to do.\n`);
        return;
      }
      writeFileSync(target, edit.text);
      const how = edit.wrapper ? ` inside <${edit.wrapper}>` : "";
      const did = flags.remove ? "removed" : "added";
      ctx.io.stdout(`${file}: ${did} ${flags.path} -> <${flags.component} />${how} and its import.\n`);
    });
}
