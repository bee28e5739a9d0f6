// Named errors of the store. Each message says where the problem is; what to do next is in its hints,
// which each front door words its own way (a flag, an input, an environment variable).
import { type Hint, messageOf, ScenarioBotError } from "../errors/index.ts";

export { messageOf };

const EMBEDDED: Hint = {
  do: "say",
  text: "Without DATABASE_URL the embedded database in .scenario/db is used.",
};

/** The database server named by DATABASE_URL (or --database-url) cannot be reached or refused us. */
export class DbConnectError extends ScenarioBotError {
  override name = "DbConnectError";
  readonly kind = "environment";
  readonly url: string;
  readonly code?: string;
  constructor(url: string, cause: unknown) {
    const code = (cause as { code?: string } | undefined)?.code;
    const reason = cause instanceof Error ? cause.message || code || cause.name : String(cause);
    super(`cannot connect to the database at ${url}: ${reason}`, {
      cause,
      hints: [connectHint(code), { do: "set", setting: "database" }, EMBEDDED],
    });
    this.url = url;
    if (code !== undefined) this.code = code;
  }
}

/** What to do, by the server's (or the socket's) error code. */
function connectHint(code: string | undefined): Hint {
  if (code === "3D000")
    return { do: "say", text: "Create the database (createdb) or fix its name in the connection string." };
  if (code === "28P01" || code === "28000")
    return { do: "say", text: "Check the user and password in the connection string." };
  return { do: "say", text: "Start the server or fix the connection string." };
}

/** DATABASE_URL (or --database-url) is not a PostgreSQL connection string. */
export class DbUrlError extends ScenarioBotError {
  override name = "DbUrlError";
  readonly kind = "input";
  constructor() {
    super("the database connection string is not a PostgreSQL connection string", {
      hints: [
        { do: "set", setting: "database", example: "postgres://user:password@host:5432/database" },
        EMBEDDED,
      ],
    });
  }
}

/** Another live process has the embedded database folder open. */
export class DbLockedError extends ScenarioBotError {
  override name = "DbLockedError";
  readonly kind = "conflict";
  readonly dataDir: string;
  readonly holderPid: number;
  constructor(dataDir: string, holderPid: number, lockFile: string) {
    super(`the embedded database ${dataDir} is in use by process ${holderPid}`, {
      hints: [
        { do: "say", text: `Wait for it to finish or stop it (kill ${holderPid}).` },
        { do: "set", setting: "database" },
        { do: "say", text: `If that process is not a scenario command, delete ${lockFile}.` },
      ],
    });
    this.dataDir = dataDir;
    this.holderPid = holderPid;
  }
}

/** The embedded database folder exists but PGlite cannot open it. */
export class DbOpenError extends ScenarioBotError {
  override name = "DbOpenError";
  readonly kind = "environment";
  readonly dataDir: string;
  constructor(dataDir: string, cause: unknown) {
    super(`cannot open the embedded database ${dataDir}: ${messageOf(cause)}`, {
      cause,
      hints: [{ do: "say", text: "If it is damaged, move the folder away and try again." }],
    });
    this.dataDir = dataDir;
  }
}

/** A migration file failed, changed after it was applied, or the recorded history does not match the folder. */
export class MigrationError extends ScenarioBotError {
  override name = "MigrationError";
  readonly kind = "environment";
  readonly file: string;
  constructor(file: string, message: string, cause?: unknown, hints: Hint[] = []) {
    super(message, { hints, ...(cause === undefined ? {} : { cause }) });
    this.file = file;
  }
}

/** The database has no schema yet (or an old one) for what was asked. */
export class SchemaMissingError extends ScenarioBotError {
  override name = "SchemaMissingError";
  readonly kind = "state";
  readonly table: string;
  constructor(table: string, what: string) {
    super(`${what} needs the table ${table}, which does not exist yet`, { hints: [{ do: "migrate" }] });
    this.table = table;
  }
}

/** A catalog cannot be written to the registry as it is. */
export class RegistrySyncError extends ScenarioBotError {
  override name = "RegistrySyncError";
  readonly kind = "input";
  readonly scenarioId: string;
  constructor(scenarioId: string, message: string) {
    super(message);
    this.scenarioId = scenarioId;
  }
}

/** An archive operation was refused or would lose data; nothing was changed. */
export class ArchiveError extends ScenarioBotError {
  override name = "ArchiveError";
  readonly kind = "state";
  readonly subject: string;
  constructor(subject: string, message: string) {
    super(message);
    this.subject = subject;
  }
}

/** A scratch-database check failed: the migrations did not apply, or an RLS assertion does not hold. */
export class ScratchDbError extends ScenarioBotError {
  override name = "ScratchDbError";
  readonly kind = "input";
  readonly subject: string;
  constructor(subject: string, message: string, hints: Hint[] = []) {
    super(message, { hints });
    this.subject = subject;
  }
}

/** A lock kept changing hands while a run tried to take it. */
export class LockContentionError extends ScenarioBotError {
  override name = "LockContentionError";
  readonly kind = "conflict";
  readonly key: string;
  constructor(key: string, runId: string) {
    super(`lock ${key} changed hands five times while run ${runId} tried to take it; try again`);
    this.key = key;
  }
}
