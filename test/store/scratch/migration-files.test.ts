import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { pickTargets, readMigrationFolder, upSection } from "../../../src/store/scratch/migration-files.ts";

let dir = "";
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function folder(names: string[]): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "scenario-migration-files-"));
  for (const name of names) fs.writeFileSync(path.join(dir, name), "select 1;\n");
  return dir;
}

describe("readMigrationFolder", () => {
  it("keeps up migrations in name order and says why every other file is left out", () => {
    const files = readMigrationFolder(
      folder([
        "20250529000002_create_dev_tasks_tables.sql",
        "20250529000002_create_dev_tasks_tables_down.sql",
        "20240517000000_create_documentation_tables.sql",
        "20250106_create_continuous_documentation_tracking.sql",
        "[timestamp]_create_presentations.sql",
        "{timestamp}_rls_documents.sql",
        "YYYYMMDDHHMMSS_add_index.sql",
        "001_items.down.sql",
        "002_items.rollback.sql",
        "003_items-revert.sql",
        "U2__undo_items.sql",
        "V2__items.sql",
        "seed.sql",
        "apply_migration.ts",
      ]),
    );
    expect(files.map((f) => [f.name, f.kind])).toEqual([
      ["001_items.down.sql", "down"],
      ["002_items.rollback.sql", "down"],
      ["003_items-revert.sql", "down"],
      ["20240517000000_create_documentation_tables.sql", "up"],
      ["20250106_create_continuous_documentation_tracking.sql", "up"],
      ["20250529000002_create_dev_tasks_tables.sql", "up"],
      ["20250529000002_create_dev_tasks_tables_down.sql", "down"],
      ["U2__undo_items.sql", "down"],
      ["V2__items.sql", "up"],
      ["YYYYMMDDHHMMSS_add_index.sql", "draft"],
      ["[timestamp]_create_presentations.sql", "draft"],
      ["seed.sql", "unversioned"],
      ["{timestamp}_rls_documents.sql", "draft"],
    ]);
    expect(files.find((f) => f.kind === "draft")?.reason).toBe(
      "an unfilled draft: its name still holds a placeholder instead of a version",
    );
    expect(files.find((f) => f.kind === "unversioned")?.reason).toBe(
      "no version prefix (migration tools apply only <version>_<name>.sql)",
    );
  });

  it("says what is wrong with a folder that is missing or holds no .sql file", () => {
    expect(() => readMigrationFolder("/nonexistent/migrations")).toThrow(
      /^cannot read the migrations folder \/nonexistent\/migrations: ENOENT.*; pass --migrations <folder of \.sql files>\.$/,
    );
    const empty = folder([]);
    expect(() => readMigrationFolder(empty)).toThrow(
      `${empty} holds no .sql file; pass --migrations <folder of .sql files>.`,
    );
  });

  it("refuses a file past 16 MB instead of reading it", () => {
    const big = folder(["001_ok.sql"]);
    fs.writeFileSync(path.join(big, "002_data.sql"), Buffer.alloc(16 * 1024 * 1024 + 1, 32));
    expect(() => readMigrationFolder(big)).toThrow(
      `${path.join(big, "002_data.sql")} is 16.0 MB; scratch-db reads .sql files up to 16 MB: split it, or leave data out of it.`,
    );
  });
});

describe("upSection", () => {
  it("cuts a file at its down marker (node-pg-migrate, dbmate, goose, sql-migrate) and nowhere else", () => {
    const up = "-- Up Migration\ncreate table a (id int);\n";
    for (const marker of [
      "-- Down Migration",
      "-- migrate:down",
      "-- +goose Down",
      "-- +migrate Down",
      "--down migration:",
    ]) {
      expect(upSection(`${up}${marker}\ndrop table a;\n`)).toEqual({ sql: up, downMarkerLine: 3 });
    }
    // dhg-mono's clipboard snippets migration ends with a commented-out down part.
    const snippets = "create table s (id int);\n\n-- Down migration\n-- DROP TABLE IF EXISTS s CASCADE;";
    expect(upSection(snippets).sql).toBe("create table s (id int);\n\n");
    const prose =
      "-- Down migration for dev_tasks tables lives in the _down file\ncreate table t (id int);\n";
    expect(upSection(prose)).toEqual({ sql: prose });
  });
});

describe("pickTargets", () => {
  it("reviews the newest up migrations (those sharing the newest version), or the ones named", () => {
    const files = readMigrationFolder(
      folder([
        "20250101000000_a.sql",
        "20250102000000_b.sql",
        "20250102000000_b_down.sql",
        "20250102000000_c.sql",
        "[timestamp]_d.sql",
      ]),
    );
    expect(pickTargets(files, []).map((f) => f.name)).toEqual([
      "20250102000000_b.sql",
      "20250102000000_c.sql",
    ]);
    expect(pickTargets(files, [path.join(dir, "20250101000000_a.sql")]).map((f) => f.name)).toEqual([
      "20250101000000_a.sql",
    ]);
    expect(() => pickTargets(files, ["nope.sql"])).toThrow(
      "--check nope.sql: no such .sql file in the migrations folder; name one of its files.",
    );
  });
});
