// A PGlite extension whose file is missing: PGlite itself leaves an unhandled rejection that prints its
// bundled source and ends the process (or, from the Action's bundle, waits forever); the scratch
// database's extensions fail the open with what is missing and how to get it back.
import { PGlite } from "@electric-sql/pglite";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { describe, expect, it } from "vitest";
import { locatedExtension, SCRATCH_EXTENSIONS } from "../../../src/store/scratch/pglite-extensions.ts";

describe("locatedExtension", { timeout: 60_000 }, () => {
  it("fails the open, naming the missing file and how to get it back", async () => {
    const missing = {
      ...pgcrypto,
      setup: async () => ({ bundlePath: new URL("file:///nonexistent/pgcrypto.tar.gz") }),
    };
    await expect(
      PGlite.create("memory://", { extensions: { pgcrypto: locatedExtension(missing, "none.tar.gz") } }),
    ).rejects.toThrow(
      "the PGlite extension pgcrypto cannot load: its file /nonexistent/pgcrypto.tar.gz is missing (reinstall with npm ci; for the Action, rebuild dist/ with npm run build)",
    );
  });

  it("loads the installed extensions", async () => {
    const db = await PGlite.create("memory://", { extensions: SCRATCH_EXTENSIONS });
    try {
      await db.exec('CREATE EXTENSION pgcrypto; CREATE EXTENSION "uuid-ossp";');
      const { rows } = await db.query<{ n: number }>(
        "SELECT length(gen_random_bytes(4)) + length(uuid_generate_v4()::text) AS n",
      );
      expect(rows).toEqual([{ n: 40 }]);
    } finally {
      await db.close();
    }
  });
});
