// A migration file as the statements PostgreSQL would run, each with its line, split by PostgreSQL's
// own parser (libpg-query, the server's grammar compiled to WebAssembly): dollar quoting, nested
// comments, E'' strings and `BEGIN ATOMIC` bodies split exactly as the server would. A file the
// parser rejects is split by the same library's lexer at top-level semicolons, so the statements
// before and after the broken one still run and the broken one fails with the server's own message.
import { loadModule, parseSync, scanSync } from "libpg-query";

export interface SqlStatement {
  /** The statement's text, without its terminating semicolon. */
  text: string;
  /** Character offset of `text` in the file. */
  offset: number;
  /** 1-based line of its first character. */
  line: number;
  /** BEGIN, COMMIT, ROLLBACK, ...: the runner owns transactions, so these are not run. */
  transactionControl: boolean;
  /**
   * It changes what every database of a server shares (databases, tablespaces, roles, ALTER SYSTEM):
   * the runner does not run it on a server, where that would outlive the scratch database.
   */
  sharedScope: boolean;
}

export interface SplitFile {
  statements: SqlStatement[];
  /** Set when the parser rejected the file: its message and line (the statements come from the lexer). */
  parseError?: { message: string; line: number };
}

let loaded: Promise<void> | undefined;

/** The WebAssembly module loads once per process (~0.2 s). */
export function loadSqlParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

const TRANSACTION_CONTROL = /^(?:begin|start\s+transaction|commit|end|rollback|abort)\b(?!\s+atomic)/i;

/** Maps the parser's UTF-8 byte offsets to string offsets and lines. */
class Positions {
  readonly sql: string;
  private readonly bytes: Buffer;
  private readonly lineStarts: number[] = [0];
  constructor(sql: string) {
    this.sql = sql;
    this.bytes = Buffer.from(sql, "utf8");
    for (let i = sql.indexOf("\n"); i !== -1; i = sql.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }
  private lastByte = 0;
  private lastChar = 0;
  /** Offsets come in increasing order (statement after statement): each call decodes only the bytes since the last. */
  charOffset(byteOffset: number): number {
    if (this.bytes.length === this.sql.length) return byteOffset;
    if (byteOffset < this.lastByte) {
      this.lastByte = 0;
      this.lastChar = 0;
    }
    this.lastChar += this.bytes.subarray(this.lastByte, byteOffset).toString("utf8").length;
    this.lastByte = byteOffset;
    return this.lastChar;
  }
  lineOf(charOffset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= charOffset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}

/** Length of the blank space and comments (nested block comments included) that open `text`. */
function leadingTrivia(text: string): number {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (text.startsWith("--", i)) {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end + 1;
    } else if (text.startsWith("/*", i)) {
      let depth = 0;
      while (i < text.length) {
        if (text.startsWith("/*", i)) {
          depth++;
          i += 2;
        } else if (text.startsWith("*/", i)) {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
    } else return i;
  }
}

const SHARED_KINDS = new Set([
  "CreatedbStmt",
  "DropdbStmt",
  "AlterDatabaseStmt",
  "AlterDatabaseSetStmt",
  "AlterDatabaseRefreshCollStmt",
  "AlterSystemStmt",
  "CreateTableSpaceStmt",
  "DropTableSpaceStmt",
  "AlterTableSpaceOptionsStmt",
  "CreateRoleStmt",
  "AlterRoleStmt",
  "AlterRoleSetStmt",
  "DropRoleStmt",
  "GrantRoleStmt",
]);
const SHARED_OBJECTS = new Set(["OBJECT_DATABASE", "OBJECT_ROLE", "OBJECT_TABLESPACE"]);

/** Whether a parsed statement changes objects a whole server shares (see SqlStatement.sharedScope). */
function isSharedScope(node: Record<string, unknown> | undefined): boolean {
  const [kind, body] = Object.entries(node ?? {})[0] ?? [];
  if (!kind) return false;
  if (SHARED_KINDS.has(kind)) return true;
  const fields = body as { renameType?: string; objectType?: string };
  if (kind === "RenameStmt") return SHARED_OBJECTS.has(fields.renameType ?? "");
  if (kind === "AlterOwnerStmt") return SHARED_OBJECTS.has(fields.objectType ?? "");
  return false;
}

/** The kind of one statement the lexer split off: parsed on its own, when it parses. */
function parsedAlone(text: string): Record<string, unknown> | undefined {
  try {
    return parseSync(text).stmts?.[0]?.stmt as Record<string, unknown> | undefined;
  } catch {
    return undefined;
  }
}

/** The statement between two byte offsets, without the blank space and comments around it. */
function statementAt(
  positions: Positions,
  startByte: number,
  endByte: number,
  node?: Record<string, unknown> | null,
): SqlStatement | undefined {
  const start = positions.charOffset(startByte);
  const raw = positions.sql.slice(start, positions.charOffset(endByte));
  const lead = leadingTrivia(raw);
  const text = raw.slice(lead).trimEnd();
  if (text === "") return undefined;
  const offset = start + lead;
  return {
    text,
    offset,
    line: positions.lineOf(offset),
    transactionControl: TRANSACTION_CONTROL.test(text),
    sharedScope: isSharedScope(node === null ? parsedAlone(text) : node),
  };
}

function byParser(positions: Positions): SqlStatement[] {
  const { stmts } = parseSync(positions.sql);
  const statements: SqlStatement[] = [];
  for (const stmt of stmts ?? []) {
    const start = stmt.stmt_location ?? 0;
    const end = stmt.stmt_len ? start + stmt.stmt_len : positions.sql.length * 4;
    const statement = statementAt(positions, start, end, stmt.stmt as Record<string, unknown> | undefined);
    if (statement) statements.push(statement);
  }
  return statements;
}

function byLexer(positions: Positions): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let start = 0;
  const push = (end: number) => {
    const statement = statementAt(positions, start, end, null);
    if (statement) statements.push(statement);
  };
  for (const token of scanSync(positions.sql).tokens) {
    if (token.tokenName !== "ASCII_59") continue;
    push(token.start);
    start = token.end;
  }
  push(Buffer.byteLength(positions.sql, "utf8"));
  return statements;
}

/** Split `sql` into statements; call `loadSqlParser()` once before. */
export function splitStatements(sql: string): SplitFile {
  if (sql.trim() === "") return { statements: [] };
  const positions = new Positions(sql);
  try {
    return { statements: byParser(positions) };
  } catch (error) {
    const details = (error as { sqlDetails?: { message: string; cursorPosition: number } }).sqlDetails;
    const message = details?.message ?? (error instanceof Error ? error.message : String(error));
    const line = details ? positions.lineOf(positions.charOffset(details.cursorPosition)) : 1;
    return { statements: byLexer(positions), parseError: { message, line } };
  }
}

/** 1-based line in a file of a 1-based character position inside one of its statements. */
export function lineInFile(sql: string, statement: SqlStatement, position: number): number {
  const upTo = sql.slice(statement.offset, statement.offset + Math.max(0, position - 1));
  return statement.line + (upTo.match(/\n/g)?.length ?? 0);
}
