// What made a cache's entries: the files of the code that runs, and the dependency versions. From the
// sources, the source folders that code lives in; from a bundle (build/cli/, or dist/ beside the
// Action, where no sources need be near), the bundle's own files, which hold it. Then the
// package-lock.json one or two folders up, whichever exist. Names, sizes and times, not contents: a
// rebuild or an edit changes them, and reading them costs a stat each.
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";

/**
 * A hex digest of `salt` and that code. `moduleUrl` is the caller's `import.meta.url`; `sourceFolders`
 * are relative to its folder (`../scenario/`) and are read only when it runs from the sources.
 */
export function codeStamp(moduleUrl: string, sourceFolders: readonly string[], salt: string): string {
  const here = new URL(".", moduleUrl);
  const folders = moduleUrl.endsWith(".ts") ? sourceFolders.map((f) => new URL(f, here)) : [here];
  const digest = createHash("sha256").update(`${salt}\0${process.versions.v8}\0`);
  const files = [
    ...folders.flatMap((folder) =>
      readdirSync(folder)
        .sort()
        .map((name) => new URL(name, folder)),
    ),
    new URL("../package-lock.json", here),
    new URL("../../package-lock.json", here),
  ];
  for (const file of files) {
    try {
      const info = statSync(file);
      digest.update(`${file.pathname}\0${info.size}\0${info.mtimeMs}\0`);
    } catch {
      digest.update(`${file.pathname}\0missing\0`);
    }
  }
  return digest.digest("hex");
}
