// dhg-mono's pipeline wrappers (d24a0dfa's scripts/cli-pipeline, trimmed) kept as fixtures, shared by
// the wrapper-edit, subcommand and add-cli-command tests.
import { readFileSync } from "node:fs";

/** test/fixtures/dhg-mono-wrappers/<name>-cli.sh: `google-sync`, `document-types`, `presentations`. */
export function dhgMonoWrapper(name: "google-sync" | "document-types" | "presentations"): string {
  return readFileSync(new URL(`../fixtures/dhg-mono-wrappers/${name}-cli.sh`, import.meta.url), "utf8");
}
