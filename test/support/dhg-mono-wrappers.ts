// dhg-mono's pipeline wrappers (d24a0dfa's and 5e9e240a's scripts/cli-pipeline, trimmed) kept as fixtures, shared by
// the wrapper-edit, subcommand and add-cli-command tests.
import { readFileSync } from "node:fs";

/**
 * test/fixtures/dhg-mono-wrappers/<name>-cli.sh: `google-sync`, `document-types`, `presentations`, and
 * `git-framework` (5e9e240a's git-cli.sh, written on the CLI Pipeline Framework).
 */
export function dhgMonoWrapper(
  name: "google-sync" | "document-types" | "presentations" | "git-framework",
): string {
  return readFileSync(new URL(`../fixtures/dhg-mono-wrappers/${name}-cli.sh`, import.meta.url), "utf8");
}

/**
 * The CLI Pipeline Framework's base classes at 5e9e240a (scripts/cli-pipeline/base-classes), by path
 * from the repository root: CLIPipelineBase.sh whole, ServiceCLIPipeline.sh down to its `source` of it.
 */
export function dhgMonoFramework(): Record<string, string> {
  const read = (name: string) =>
    readFileSync(new URL(`../fixtures/dhg-mono-wrappers/base-classes/${name}`, import.meta.url), "utf8");
  return Object.fromEntries(
    ["CLIPipelineBase.sh", "ServiceCLIPipeline.sh"].map((n) => [
      `scripts/cli-pipeline/base-classes/${n}`,
      read(n),
    ]),
  );
}
