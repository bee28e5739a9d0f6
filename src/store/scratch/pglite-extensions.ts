// The PGlite extensions a scratch database loads (pgcrypto, uuid-ossp). Each finds its files from
// where its module is (`new URL("../pgcrypto.tar.gz", import.meta.url)`): PGlite's dist/ in
// node_modules, but above dist/ once the Action's bundle holds the module. The bundle has them beside
// it (scripts/build-action.ts), so an extension whose file is beside this module is pointed there.
// PGlite waits forever for an extension file that is not there (no error, no exit): a missing one is
// an error here, before PGlite reads it.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Extension } from "@electric-sql/pglite";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { uuid_ossp } from "@electric-sql/pglite/contrib/uuid_ossp";

/** `extension`, from the file beside this module when there is one, failing when its file is missing. */
export function locatedExtension(
  extension: Extension,
  file: string,
  beside = new URL(`./${file}`, import.meta.url),
): Extension {
  const found = existsSync(beside) ? beside : undefined;
  return {
    ...extension,
    setup: async (...args) => {
      const setup = await extension.setup(...args);
      const bundlePath = found ?? setup.bundlePath;
      if (bundlePath?.protocol === "file:" && !existsSync(bundlePath)) {
        throw new Error(
          `the PGlite extension ${extension.name} cannot load: its file ${fileURLToPath(bundlePath)} is missing (reinstall with npm ci; for the Action, rebuild dist/ with npm run build)`,
        );
      }
      return { ...setup, ...(bundlePath ? { bundlePath } : {}) };
    },
  };
}

export const SCRATCH_EXTENSIONS = {
  pgcrypto: locatedExtension(pgcrypto, "pgcrypto.tar.gz"),
  uuid_ossp: locatedExtension(uuid_ossp, "uuid-ossp.tar.gz"),
};
