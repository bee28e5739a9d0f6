// A rendered path must stay inside the workspace: no absolute paths, no `..` that climbs out after
// normalisation, and (when a root is given) no symlink on the way that points outside it.
import { lstatSync, realpathSync } from "node:fs";
import path from "node:path";
import { PathEscapeError } from "../errors.ts";

export interface PathContext {
  scenarioId: string;
  /** `file:line` of the block, for the message. */
  where: string;
}

/** Normalises a workspace-relative path, or throws PathEscapeError. Pure: no file system access. */
export function normaliseRelative(raw: string, ctx: PathContext): string {
  if (raw.includes("\0")) throw new PathEscapeError(ctx.scenarioId, ctx.where, raw, "contains a NUL byte");
  if (raw.includes("\n") || raw.includes("\r")) {
    throw new PathEscapeError(ctx.scenarioId, ctx.where, raw, "contains a line break");
  }
  if (raw.trim() === "") throw new PathEscapeError(ctx.scenarioId, ctx.where, raw, "is empty");
  if (path.posix.isAbsolute(raw) || path.win32.isAbsolute(raw)) {
    throw new PathEscapeError(ctx.scenarioId, ctx.where, raw, "is absolute");
  }
  const normal = path.posix.normalize(raw.replaceAll("\\", "/"));
  if (normal === ".." || normal.startsWith("../")) {
    throw new PathEscapeError(ctx.scenarioId, ctx.where, raw, "leaves the workspace");
  }
  if (normal === "." || normal === "./") return ".";
  if (normal === ".git" || normal.startsWith(".git/")) {
    throw new PathEscapeError(ctx.scenarioId, ctx.where, raw, "points into .git");
  }
  return normal.replace(/\/$/, "");
}

/**
 * Resolves a normalised relative path under `root` and checks that no existing symlink on the way
 * leads outside. Returns the absolute path.
 */
export function resolveInside(root: string, relative: string, ctx: PathContext): string {
  const normal = normaliseRelative(relative, ctx);
  const realRoot = realpathSync(root);
  const target = path.join(realRoot, normal);
  // The deepest existing ancestor decides where the write really lands.
  let probe = target;
  while (!lexists(probe) && probe !== realRoot) probe = path.dirname(probe);
  let real: string;
  try {
    real = realpathSync(probe);
  } catch {
    throw new PathEscapeError(ctx.scenarioId, ctx.where, relative, "goes through a dangling symlink");
  }
  if (real !== realRoot && !real.startsWith(`${realRoot}${path.sep}`)) {
    throw new PathEscapeError(
      ctx.scenarioId,
      ctx.where,
      relative,
      "goes through a symlink that leaves the workspace",
    );
  }
  return target;
}

function lexists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
