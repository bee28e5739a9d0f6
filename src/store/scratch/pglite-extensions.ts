// The PGlite extensions a scratch database loads (pgcrypto, uuid-ossp). Each finds its files from
// where its module is (`new URL("../pgcrypto.tar.gz", import.meta.url)`): PGlite's dist/ in
// node_modules, but above dist/ once the Action's bundle holds the module. The bundle has them beside
// it (scripts/build-action.ts), so an extension whose file is beside this module is pointed there.
import { existsSync } from "node:fs";
import type { Extension } from "@electric-sql/pglite";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { uuid_ossp } from "@electric-sql/pglite/contrib/uuid_ossp";

function besideBundle(extension: Extension, file: string): Extension {
  const beside = new URL(`./${file}`, import.meta.url);
  if (!existsSync(beside)) return extension;
  return {
    ...extension,
    setup: async (...args) => ({ ...(await extension.setup(...args)), bundlePath: beside }),
  };
}

export const SCRATCH_EXTENSIONS = {
  pgcrypto: besideBundle(pgcrypto, "pgcrypto.tar.gz"),
  uuid_ossp: besideBundle(uuid_ossp, "uuid-ossp.tar.gz"),
};
