// The CLI's run path end to end on a dhg-mono-like repository: the layout detected from the checkout
// fills {layout_*} and SCENARIO_LAYOUT_*, the helpers are called through "$SCENARIO_CLI", and a
// validation step resolves the checkout's installed packages from the run's worktree.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cli } from "../support/cli-in-process.ts";
import { gitIn, makeRepo } from "../support/engine-harness.ts";

const DOC = `# Scenario: Add a shared service

Adds a singleton service in the repository's shared services folder and re-exports it.

## Metadata
- **ID**: \`add-svc\`
- **Object Type**: service
- **Complexity**: simple
- **Automation**: 100%
- **Dependencies**: none

## Parameters
- \`name\` (required): Service folder. Pattern: \`^[a-z][a-z0-9-]*$\`. Example: \`email-digest-service\`

## Steps
1. **Write the service** [automated]
   \`\`\`ts file={layout_services}/{name}/index.ts
   export class {name|pascal} {
     static getInstance(): {name|pascal} {
       return new {name|pascal}();
     }
   }
   \`\`\`
2. **Export it** [automated]
   \`\`\`bash
   "$SCENARIO_CLI" add-export {layout_services_index} ./{name}
   \`\`\`
3. **Check it** [validation]
   \`\`\`bash
   "$SCENARIO_CLI" check-syntax {layout_services}/{name}/index.ts {layout_services_index}
   test "$SCENARIO_LAYOUT_SCOPE" = "@dhg" && test {layout_users_table} = auth.users
   test "$SCENARIO_LAYOUT_PACKAGE_MANAGER" = pnpm && test {layout_export_style} = star
   (cd {layout_services}/.. && node -e "require('left-pad')")
   \`\`\`

## Post-Validation
1. [ ] The index exports it
   \`\`\`bash check
   grep -q "export \\* from .\\./{name}.;" {layout_services_index}
   \`\`\`

## Rollback
1. **Nothing to undo**
   \`\`\`bash
   true
   \`\`\`
`;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe("scenario run on a dhg-like repository", () => {
  it("plans with the detected layout, runs the helpers and sees the checkout's packages", {
    timeout: 240_000,
  }, async () => {
    const repo = makeRepo({
      ".gitignore": "node_modules\n",
      "package.json": '{ "name": "dhg-monorepo", "private": true }\n',
      "pnpm-workspace.yaml": "packages:\n  - 'apps/*'\n  - 'packages/*'\n",
      "packages/shared/package.json": '{ "name": "@dhg/shared" }\n',
      "apps/dhg-hub/package.json": '{ "name": "@dhg/hub" }\n',
      // dhg-mono's index: double quotes, comments, no final newline.
      "packages/shared/services/index.ts":
        'export * from "./claude-service"; // Claude\nexport * from "./theme-service"; // Theme',
      "supabase/migrations/20250101000000_init.sql": "select 1;\n",
    });
    cleanups.push(repo.cleanup);
    mkdirSync(path.join(repo.dir, "packages/shared/node_modules/left-pad"), { recursive: true });
    writeFileSync(
      path.join(repo.dir, "packages/shared/node_modules/left-pad/index.js"),
      "module.exports = 1;\n",
    );
    const scenarios = mkdtempSync(path.join(tmpdir(), "layout-docs-"));
    cleanups.push(() => rmSync(scenarios, { recursive: true, force: true }));
    writeFileSync(path.join(scenarios, "add-svc.md"), DOC);

    const args = ["--scenarios", scenarios, "--repo", repo.dir];
    const plan = await cli(["plan", "add-svc", "name=email-digest-service", ...args], { cwd: repo.dir });
    expect(plan.err).toBe("");
    expect(plan.out).toContain("packages/shared/services/email-digest-service/index.ts");

    const run = await cli(["run", "add-svc", "name=email-digest-service", ...args], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: "" },
    });
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: "" });
    expect(run.out).toContain("add-svc: post-validation holds: The index exports it");
    const branch = gitIn(repo.dir, "for-each-ref", "--format=%(refname:short)", "refs/heads/scenario/");
    expect(gitIn(repo.dir, "show", `${branch}:packages/shared/services/index.ts`)).toBe(
      'export * from "./claude-service"; // Claude\nexport * from "./theme-service"; // Theme\nexport * from "./email-digest-service";',
    );
    const changed = gitIn(repo.dir, "diff", "--name-only", "main", branch).split("\n");
    expect(changed.filter((f) => f.startsWith("packages/")).sort()).toEqual([
      "packages/shared/services/email-digest-service/index.ts",
      "packages/shared/services/index.ts",
    ]);
    expect(changed.some((f) => f.includes("node_modules"))).toBe(false);
  });
});
