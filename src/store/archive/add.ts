// `scenario archive add`: record a file or folder in sys_unified_archive and move it under the
// repository's `archive/` folder. The row and the move succeed together or not at all.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db.ts";
import { ArchiveError, SchemaMissingError } from "../errors.ts";
import { tableExists } from "./catalog-tables.ts";

export const ARCHIVE_ITEM_TYPES = ["code", "document", "script", "package"] as const;
export type ArchiveItemType = (typeof ARCHIVE_ITEM_TYPES)[number];

export interface ArchiveAddOptions {
  repoRoot: string;
  /** The file or folder to archive, absolute or relative to `cwd`. */
  target: string;
  cwd?: string;
  type: ArchiveItemType;
  reason: string;
}

export interface ArchivedItem {
  id: string;
  originalPath: string;
  archivePath: string;
  sizeBytes: number;
}

function sizeOf(p: string): number {
  const stat = fs.lstatSync(p);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(p).reduce((n, name) => n + sizeOf(path.join(p, name)), 0);
}

/** The target relative to the repository, refusing anything outside it or already archived. */
export function repoRelative(repoRoot: string, target: string, cwd: string): string {
  const root = fs.realpathSync(repoRoot);
  const absolute = path.resolve(cwd, target);
  if (!fs.existsSync(absolute)) {
    throw new ArchiveError(
      target,
      `${target}: no such file or folder; give the path of something in the repository.`,
    );
  }
  // Resolve the parent only, so a symlink itself can be archived but cannot smuggle a path out.
  const real = path.join(fs.realpathSync(path.dirname(absolute)), path.basename(absolute));
  const relative = path.relative(root, real);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new ArchiveError(
      target,
      `${target} is outside the repository ${root}: only files inside it can be archived.`,
    );
  }
  const top = relative.split(path.sep)[0];
  if (top === ".git" || top === "archive") {
    throw new ArchiveError(
      target,
      `${target} is inside ${top}/, which cannot be archived; pick a file elsewhere in the repository.`,
    );
  }
  return relative.split(path.sep).join("/");
}

export async function archiveAdd(db: Db, options: ArchiveAddOptions): Promise<ArchivedItem> {
  if (!(ARCHIVE_ITEM_TYPES as readonly string[]).includes(options.type)) {
    throw new ArchiveError(
      options.type,
      `--type ${options.type} is not an archivable item type: use one of ${ARCHIVE_ITEM_TYPES.join(", ")} (tables are archived by \`scenario archive consolidate\`).`,
    );
  }
  if (!options.reason.trim()) {
    throw new ArchiveError(
      options.target,
      "--reason is empty: say why the item is archived, e.g. --reason 'replaced by the cli pipeline'.",
    );
  }
  const relative = repoRelative(options.repoRoot, options.target, options.cwd ?? process.cwd());
  const root = fs.realpathSync(options.repoRoot);
  const from = path.join(root, relative);
  const archivePath = `archive/${relative}`;
  const to = path.join(root, archivePath);
  if (fs.existsSync(to)) {
    throw new ArchiveError(
      relative,
      `${archivePath} already exists: something with this path was archived before; rename or remove it first.`,
    );
  }
  if (!(await tableExists(db, "public", "sys_unified_archive"))) {
    throw new SchemaMissingError("sys_unified_archive", "scenario archive add");
  }
  const sizeBytes = sizeOf(from);
  let moved = false;
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO sys_unified_archive (item_type, original_path, archive_path, reason, size_bytes, metadata)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id`,
        [
          options.type,
          relative,
          archivePath,
          options.reason,
          sizeBytes,
          JSON.stringify({ archived_with: "scenario archive add" }),
        ],
      );
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.renameSync(from, to);
      moved = true;
      return { id: String(rows[0]?.id), originalPath: relative, archivePath, sizeBytes };
    });
  } catch (error) {
    // The row was not committed: put the file back where it was.
    if (moved && !fs.existsSync(from)) fs.renameSync(to, from);
    throw error;
  }
}
