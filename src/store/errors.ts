// Named errors of the store. Each message says where the problem is and how to fix it, in one line,
// because the CLI prints the message as it is.

/** The database server named by DATABASE_URL (or --database-url) cannot be reached or refused us. */
export class DbConnectError extends Error {
  override name = "DbConnectError";
  readonly url: string;
  readonly code?: string;
  constructor(url: string, cause: unknown) {
    const code = (cause as { code?: string } | undefined)?.code;
    const reason = cause instanceof Error ? cause.message || code || cause.name : String(cause);
    super(`cannot connect to the database at ${url}: ${reason}. ${connectHint(code)}`, { cause });
    this.url = url;
    this.code = code;
  }
}

/** What to do, by the server's (or the socket's) error code. */
function connectHint(code: string | undefined): string {
  const fallback = "unset it to use the embedded database in .scenario/db.";
  if (code === "3D000")
    return `Create the database (createdb) or fix its name in DATABASE_URL (or --database-url); ${fallback}`;
  if (code === "28P01" || code === "28000") {
    return `Check the user and password in DATABASE_URL (or --database-url); ${fallback}`;
  }
  return `Start the server or fix DATABASE_URL (or --database-url); ${fallback}`;
}

/** DATABASE_URL (or --database-url) is not a PostgreSQL connection string. */
export class DbUrlError extends Error {
  override name = "DbUrlError";
  constructor() {
    super(
      "DATABASE_URL (or --database-url) is not a PostgreSQL connection string: write it as postgres://user:password@host:5432/database, or unset it to use the embedded database in .scenario/db.",
    );
  }
}

/** Another live process has the embedded database folder open. */
export class DbLockedError extends Error {
  override name = "DbLockedError";
  readonly dataDir: string;
  readonly holderPid: number;
  constructor(dataDir: string, holderPid: number, lockFile: string) {
    super(
      `the embedded database ${dataDir} is in use by process ${holderPid}; wait for it to finish or stop it (kill ${holderPid}), or set DATABASE_URL to use a server. If that process is not a scenario command, delete ${lockFile}.`,
    );
    this.dataDir = dataDir;
    this.holderPid = holderPid;
  }
}

/** The embedded database folder exists but PGlite cannot open it. */
export class DbOpenError extends Error {
  override name = "DbOpenError";
  readonly dataDir: string;
  constructor(dataDir: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `cannot open the embedded database ${dataDir}: ${reason}. If it is damaged, move the folder away and run \`scenario migrate\` again.`,
      { cause },
    );
    this.dataDir = dataDir;
  }
}

/** A migration file failed, changed after it was applied, or the recorded history does not match the folder. */
export class MigrationError extends Error {
  override name = "MigrationError";
  readonly file: string;
  constructor(file: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.file = file;
  }
}

/** The database has no schema yet (or an old one) for what was asked. */
export class SchemaMissingError extends Error {
  override name = "SchemaMissingError";
  readonly table: string;
  constructor(table: string, what: string) {
    super(`${what} needs the table ${table}, which does not exist yet: run \`scenario migrate\` first.`);
    this.table = table;
  }
}

/** A catalog cannot be written to the registry as it is. */
export class RegistrySyncError extends Error {
  override name = "RegistrySyncError";
  readonly scenarioId: string;
  constructor(scenarioId: string, message: string) {
    super(message);
    this.scenarioId = scenarioId;
  }
}

/** An archive operation was refused or would lose data; nothing was changed. */
export class ArchiveError extends Error {
  override name = "ArchiveError";
  readonly subject: string;
  constructor(subject: string, message: string) {
    super(message);
    this.subject = subject;
  }
}

/** A scratch-database check failed: the migrations did not apply, or an RLS assertion does not hold. */
export class ScratchDbError extends Error {
  override name = "ScratchDbError";
  readonly subject: string;
  constructor(subject: string, message: string) {
    super(message);
    this.subject = subject;
  }
}

/** Message of an unknown thrown value, for wrapping. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A run, or a checklist item of one, is not in the store. */
export class RunNotFoundError extends Error {
  override name = "RunNotFoundError";
  readonly runId: string;
  constructor(runId: string, message: string) {
    super(message);
    this.runId = runId;
  }
}

/** A lock kept changing hands while a run tried to take it. */
export class LockContentionError extends Error {
  override name = "LockContentionError";
  readonly key: string;
  constructor(key: string, runId: string) {
    super(`lock ${key} changed hands five times while run ${runId} tried to take it; try again`);
    this.key = key;
  }
}
