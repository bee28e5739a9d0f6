// GitHub's REST description as the fake checks requests against it: cut down once per installed
// @octokit/openapi version and set of served operations (extract.ts), then kept in
// node_modules/.cache so each test file reads ~1 MB instead of parsing 13 MB.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { extract, type SlimDescription } from "./extract.ts";

const require = createRequire(import.meta.url);
/** Bump when extract.ts changes what it writes. */
const FORMAT = 2;

let loaded: { key: string; description: SlimDescription } | undefined;

export function githubDescription(served: readonly string[]): SlimDescription {
  const pkg = require.resolve("@octokit/openapi/package.json");
  const { version } = JSON.parse(readFileSync(pkg, "utf8")) as { version: string };
  const key = createHash("sha256")
    .update(JSON.stringify([FORMAT, version, [...served].sort()]))
    .digest("hex")
    .slice(0, 16);
  if (loaded?.key === key) return loaded.description;
  const root = pkg.slice(0, pkg.lastIndexOf(`${path.sep}node_modules${path.sep}`) + 1);
  const cacheFile = path.join(root, "node_modules", ".cache", "github-openapi", `${key}.json`);
  let description: SlimDescription;
  try {
    description = JSON.parse(readFileSync(cacheFile, "utf8")) as SlimDescription;
  } catch {
    const source = `@octokit/openapi@${version} api.github.com.json`;
    const full = JSON.parse(
      readFileSync(path.join(path.dirname(pkg), "generated", "api.github.com.json"), "utf8"),
    );
    description = extract(full, source, new Set(served));
    // Test files start in parallel: write under a unique name, then rename into place.
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const temp = `${cacheFile}.${process.pid}.${Date.now()}`;
    writeFileSync(temp, JSON.stringify(description));
    renameSync(temp, cacheFile);
  }
  loaded = { key, description };
  return description;
}
