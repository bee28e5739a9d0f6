import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { archiveAdd } from "../../../src/store/archive/add.ts";
import { BACKENDS, useTestDb } from "../../support/test-db.ts";
import { makeRepo } from "./temp-repo.ts";

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});
function repo(): string {
  const root = makeRepo({
    "scripts/old-deploy.sh": "#!/bin/sh\necho deploy\n",
    "docs/old/a.md": "# A\n",
    "docs/old/b.md": "# B\n",
  });
  roots.push(root);
  return root;
}

describe.each(BACKENDS)("archive add on %s", (kind) => {
  const t = useTestDb(kind, "archive_add");

  it("records a file and moves it under archive/", async () => {
    const root = repo();
    const item = await archiveAdd(t.db, {
      repoRoot: root,
      cwd: path.join(root, "scripts"),
      target: "old-deploy.sh",
      type: "script",
      reason: "replaced by the pipeline",
    });
    expect(item).toMatchObject({
      originalPath: "scripts/old-deploy.sh",
      archivePath: "archive/scripts/old-deploy.sh",
      sizeBytes: 22,
    });
    expect(fs.existsSync(path.join(root, "scripts/old-deploy.sh"))).toBe(false);
    expect(fs.readFileSync(path.join(root, "archive/scripts/old-deploy.sh"), "utf8")).toContain(
      "echo deploy",
    );
    const { rows } = await t.db.query(
      "SELECT item_type, original_path, archive_path, reason, size_bytes::int AS size FROM sys_unified_archive",
    );
    expect(rows).toEqual([
      {
        item_type: "script",
        original_path: "scripts/old-deploy.sh",
        archive_path: "archive/scripts/old-deploy.sh",
        reason: "replaced by the pipeline",
        size: 22,
      },
    ]);
  });

  it("archives a folder with its size", async () => {
    const root = repo();
    const item = await archiveAdd(t.db, {
      repoRoot: root,
      cwd: root,
      target: "docs/old",
      type: "document",
      reason: "superseded",
    });
    expect(item.sizeBytes).toBe(8);
    expect(fs.readdirSync(path.join(root, "archive/docs/old")).sort()).toEqual(["a.md", "b.md"]);
  });

  it("refuses paths outside the repository, missing files and bad types, changing nothing", async () => {
    const root = repo();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "outside-"));
    roots.push(outside);
    fs.writeFileSync(path.join(outside, "x.sh"), "x");
    fs.symlinkSync(outside, path.join(root, "link"));
    // A name nothing beside the repository has (a stray /tmp/x.sh once made this "outside" instead).
    const missing = `../${path.basename(outside)}-missing.sh`;
    await expect(
      archiveAdd(t.db, { repoRoot: root, cwd: root, target: missing, type: "script", reason: "r" }),
    ).rejects.toThrow(/no such file or folder/);
    await expect(
      archiveAdd(t.db, {
        repoRoot: root,
        cwd: root,
        target: path.join(outside, "x.sh"),
        type: "script",
        reason: "r",
      }),
    ).rejects.toThrow(/is outside the repository .*: only files inside it can be archived\.$/);
    await expect(
      archiveAdd(t.db, { repoRoot: root, cwd: root, target: "link/x.sh", type: "script", reason: "r" }),
    ).rejects.toThrow(/is outside the repository/);
    await expect(
      archiveAdd(t.db, {
        repoRoot: root,
        cwd: root,
        target: "scripts/old-deploy.sh",
        type: "table" as never,
        reason: "r",
      }),
    ).rejects.toThrow(
      "--type table is not an archivable item type: use one of code, document, script, package (tables are archived by `scenario archive consolidate`).",
    );
    expect(fs.existsSync(path.join(outside, "x.sh"))).toBe(true);
    expect((await t.db.query("SELECT 1 FROM sys_unified_archive")).rowCount).toBe(0);
  });

  it("puts the file back when the record cannot be written", async () => {
    const root = repo();
    await t.db.exec(
      "ALTER TABLE sys_unified_archive ADD CONSTRAINT no_scripts CHECK (item_type <> 'script')",
    );
    await expect(
      archiveAdd(t.db, {
        repoRoot: root,
        cwd: root,
        target: "scripts/old-deploy.sh",
        type: "script",
        reason: "r",
      }),
    ).rejects.toThrow(/no_scripts/);
    expect(fs.existsSync(path.join(root, "scripts/old-deploy.sh"))).toBe(true);
  });
});
