// `scenario next-page <app> <route> [--free]`: the file that makes <route> a page of a Next.js app
// (next-routes.ts), so a document writes a page where the app's router reads it (add-app-page). With
// --free it first makes sure no page or route handler answers the path yet, naming the one that does.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { CommandContext } from "../index.ts";

const NEXT_CONFIGS = ["js", "mjs", "cjs", "ts", "mts"].map((ext) => `next.config.${ext}`);

export function registerNextPage(program: Command, ctx: CommandContext): void {
  program
    .command("next-page")
    .description("Print the file that makes a URL path a page of a Next.js app (App Router or Pages Router).")
    .argument("<app>", "the app's folder, e.g. apps/web")
    .argument("<route>", "the URL path, e.g. /billing")
    .option("--free", "fail, naming the file, when a page or route handler already answers the path")
    .action(async (app: string, route: string, flags: { free?: boolean }) => {
      const { answering, isFolder, nextRouter, pageFile, STATIC_ROUTE } = await import("./next-routes.ts");
      const fail = (reason: string) => {
        ctx.io.stderr(`next-page: ${reason}\n`);
        ctx.setExitCode(1);
      };
      const root = path.resolve(ctx.io.cwd, app);
      if (!NEXT_CONFIGS.some((name) => existsSync(path.join(root, name)))) {
        return fail(
          `${app} is not a Next.js app (no next.config.js, .mjs or .ts there); name the app's folder.`,
        );
      }
      if (!STATIC_ROUTE.test(route)) {
        return fail(`${route}: give a URL path of plain segments, e.g. /billing or /settings/team.`);
      }
      const router = nextRouter((dir) => isFolder(path.join(root, dir)));
      if (flags.free) {
        const taken = answering(root, router.dirs, route);
        if (taken instanceof Error) return fail(`${app}: ${taken.message}`);
        if (taken) return fail(`${route} is already a page of ${app}: ${path.posix.join(app, taken)}.`);
      }
      const typescript = existsSync(path.join(root, "tsconfig.json"));
      ctx.io.stdout(`${path.posix.join(app, pageFile(router, route, typescript))}\n`);
    });
}
