// Steps call scenario-bot's helpers as `"$SCENARIO_CLI" <helper>` (docs/helpers.md). On a runner that is
// the CLI bundled next to the Action (dist/scenario.js); from the sources, bin/scenario.js. A wrapper
// runs it with the Node running now, whatever `node` the runner's PATH finds, and needs no executable
// bit on a file of the action's checkout. It goes in RUNNER_TEMP, once per job; elsewhere (the bundled
// CLI run by hand) in a folder of its own under the system's temporary folder.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "./package-root.ts";

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** The CLI bundled beside the Action, when this code runs from that bundle. */
export function bundledCli(): string | undefined {
  const bundled = fileURLToPath(new URL("./scenario.js", import.meta.url));
  return existsSync(bundled) ? bundled : undefined;
}

/** A folder of this process's own, removed when it exits. */
function ownFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "scenario-cli-"));
  process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** The path steps get as SCENARIO_CLI: an executable wrapper. */
export async function scenarioCli(env: NodeJS.ProcessEnv): Promise<string> {
  const script = bundledCli() ?? join(packageRoot(), "bin", "scenario.js");
  const folder = env.RUNNER_TEMP || ownFolder();
  const wrapper = join(folder, "scenario-cli");
  await writeFile(wrapper, `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(script)} "$@"\n`, {
    mode: 0o755,
  });
  return wrapper;
}
