// Steps call scenario-bot's helpers as `"$SCENARIO_CLI" <helper>` (docs/helpers.md). On a runner that is
// the CLI bundled next to the Action (dist/scenario.js); from the sources, bin/scenario.js. A wrapper in
// RUNNER_TEMP runs it with the Node that runs the Action, whatever `node` the runner's PATH finds, and
// needs no executable bit on a file of the action's checkout.
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../application/repository/index.ts";

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** The path steps get as SCENARIO_CLI: an executable wrapper, written once per job. */
export async function scenarioCli(env: NodeJS.ProcessEnv): Promise<string> {
  const bundled = fileURLToPath(new URL("./scenario.js", import.meta.url));
  const script = existsSync(bundled) ? bundled : join(packageRoot(), "bin", "scenario.js");
  const wrapper = join(env.RUNNER_TEMP || tmpdir(), "scenario-cli");
  await writeFile(wrapper, `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(script)} "$@"\n`, {
    mode: 0o755,
  });
  return wrapper;
}
