// `scenario next-page` as a step runs it: a process, the page's file on stdout, and with --free a clear
// error naming the file that already answers the path.
import { describe, expect, it } from "vitest";
import { spawnCli } from "../../support/spawn-cli.ts";
import { tempFiles } from "./temp-files.ts";

const PAGE = "export default function Page() {\n  return null;\n}\n";

describe("scenario next-page", () => {
  it("prints where the page goes in the app's router", async () => {
    const { dir } = tempFiles({
      "apps/web/next.config.js": "module.exports = {};\n",
      "apps/web/tsconfig.json": "{}\n",
      "apps/web/app/page.tsx": PAGE,
      "apps/web/src/app/page.tsx": PAGE,
      "apps/old/next.config.mjs": "export default {};\n",
      "apps/old/src/pages/index.jsx": PAGE,
    });
    expect(await spawnCli(dir, ["next-page", "apps/web", "/billing", "--free"])).toMatchObject({
      code: 0,
      out: "apps/web/app/billing/page.tsx\n",
    });
    expect(await spawnCli(dir, ["next-page", "apps/old", "/settings/team"])).toMatchObject({
      code: 0,
      out: "apps/old/src/pages/settings/team.jsx\n",
    });
  });

  it("with --free, names the page or handler that answers the path already", async () => {
    const { dir } = tempFiles({
      "web/next.config.ts": "export default {};\n",
      "web/tsconfig.json": "{}\n",
      "web/app/(shop)/billing/page.tsx": PAGE,
      "web/app/api/health/route.ts": "export function GET() {}\n",
      "web/pages/legacy/index.jsx": PAGE,
    });
    for (const [route, file] of [
      ["/billing", "web/app/(shop)/billing/page.tsx"],
      ["/api/health", "web/app/api/health/route.ts"],
      ["/legacy", "web/pages/legacy/index.jsx"],
    ]) {
      const r = await spawnCli(dir, ["next-page", "web", route as string, "--free"]);
      expect(r).toMatchObject({ code: 1, out: "" });
      expect(r.err).toContain(`next-page: ${route} is already a page of web: ${file}.`);
    }
    // Without --free it only says where the page goes.
    expect(await spawnCli(dir, ["next-page", "web", "/billing"])).toMatchObject({
      code: 0,
      out: "web/app/billing/page.tsx\n",
    });
  });

  it("refuses a folder that is no Next.js app and a path that is not plain", async () => {
    const { dir } = tempFiles({ "vite/vite.config.ts": "export default {};\n", "web/next.config.js": "" });
    const vite = await spawnCli(dir, ["next-page", "vite", "/billing"]);
    expect(vite).toMatchObject({ code: 1, out: "" });
    expect(vite.err).toContain("vite is not a Next.js app (no next.config.js, .mjs or .ts there)");
    const dynamic = await spawnCli(dir, ["next-page", "web", "/blog/[slug]"]);
    expect(dynamic).toMatchObject({ code: 1, out: "" });
    expect(dynamic.err).toContain("/blog/[slug]: give a URL path of plain segments");
  });
});
