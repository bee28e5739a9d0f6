// Running the `scenario` CLI in-process for the store's command tests, and a scratch repository.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { main } from "../../src/cli/main.ts";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(
  argv: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: options.cwd,
    env: options.env ?? {},
    isTTY: false,
  });
  return { code, out: out.join(""), err: err.join("") };
}

export function scenarioDoc(id: string, title: string, deps = "none"): string {
  return `# Scenario: ${title}

Creates a table with the team's standards.

## Metadata
- **ID**: \`${id}\`
- **Object Type**: database
- **Complexity**: simple
- **Automation**: 90%
- **Dependencies**: ${deps}

## Parameters
- \`table\` (required): Table name. Pattern: \`^[a-z_][a-z0-9_]*$\`. Example: \`users\`

## Steps
1. **Write the migration** [automated]
   \`\`\`sql file=supabase/migrations/{timestamp}_${id}_{table}.sql
   create table {table|ident} (id bigint primary key);
   \`\`\`
2. **Review** [manual]
   - [ ] The table name is right

## Post-Validation
1. [ ] The migration exists
   \`\`\`bash check
   ls supabase/migrations | grep -q "{table}"
   \`\`\`

## Rollback
1. **Remove the migration**
   \`\`\`bash
   rm -f supabase/migrations/*_${id}_{table}.sql
   \`\`\`
`;
}

const repos: string[] = [];
afterAll(() => {
  for (const root of repos.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

/** A git repository with the given files, in a fresh temporary folder removed after the test file. */
export function tempRepo(files: Record<string, string> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "scenario-cli-store-")));
  repos.push(root);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  execFileSync("git", ["init", "-q", "-b", "main", root]);
  return root;
}
