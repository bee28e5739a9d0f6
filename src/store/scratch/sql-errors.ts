// What a failed statement's error says, in the terms scratch-db reports: the file line it points at
// (the server's position, or the line inside a DO block), whether it only found its object already
// there (harmless when replaying a history over a baseline), and which missing object it names.
import { messageOf } from "../errors.ts";
import { lineInFile, type SqlStatement } from "./sql-statements.ts";

export interface SqlErrorFields {
  message: string;
  code?: string;
  /** 1-based character position in the statement, when the server gives one. */
  position?: number;
  /** The server's context lines (PL/pgSQL line numbers). */
  where?: string;
}

export function errorFields(error: unknown): SqlErrorFields {
  const e = error as { code?: unknown; position?: unknown; where?: unknown };
  const position = Number(e?.position);
  return {
    message: messageOf(error),
    code: typeof e?.code === "string" ? e.code : undefined,
    position: Number.isInteger(position) && position > 0 ? position : undefined,
    where: typeof e?.where === "string" ? e.where : undefined,
  };
}

/** duplicate_table, duplicate_object, duplicate_function, duplicate_schema, duplicate_column, unique rows. */
const ALREADY_PRESENT = new Set(["42P07", "42710", "42723", "42P06", "42701", "23505"]);

export function isAlreadyPresent(fields: SqlErrorFields): boolean {
  return fields.code !== undefined && ALREADY_PRESENT.has(fields.code);
}

export type MissingKind = "relation" | "type" | "schema" | "function" | "column" | "role" | "extension";

export interface MissingObject {
  kind: MissingKind;
  /** Unqualified, lower case: how it is searched for in the migrations. */
  name: string;
  /** As the server wrote it. */
  display: string;
}

const MISSING: [RegExp, MissingKind][] = [
  [/^relation "([^"]+)" does not exist/, "relation"],
  [/^column "([^"]+)"(?: of relation "[^"]+")? does not exist/, "column"],
  [/^type "([^"]+)" does not exist/, "type"],
  [/^schema "([^"]+)" does not exist/, "schema"],
  [/^function ([\w."]+)\(.*\) does not exist/, "function"],
  [/^role "([^"]+)" does not exist/, "role"],
  [/^extension "([^"]+)" is not available/, "extension"],
  [/^could not open extension control file ".*\/([^/"]+)\.control"/, "extension"],
];

/** The object an error says is missing (undefined table, column, type, schema, function, role, extension). */
export function missingObject(fields: SqlErrorFields): MissingObject | undefined {
  for (const [pattern, kind] of MISSING) {
    const found = pattern.exec(fields.message);
    if (!found?.[1]) continue;
    const display = found[1];
    const name = (display.split(".").at(-1) ?? display).replaceAll('"', "").toLowerCase();
    return { kind, name, display };
  }
  return undefined;
}

/** The line of the body's opening quote in a DO statement, counted from the statement's first line. */
function doBodyLine(statement: SqlStatement): number | undefined {
  const opening = /^do\s+(?:language\s+\w+\s+)?(\$\w*\$|')/i.exec(statement.text);
  if (!opening) return undefined;
  return statement.text.slice(0, opening[0].length).split("\n").length - 1;
}

/** The file line an error points at: the server's position, a DO block's PL/pgSQL line, else the statement's first line. */
export function errorLine(fileSql: string, statement: SqlStatement, fields: SqlErrorFields): number {
  if (fields.position !== undefined) return lineInFile(fileSql, statement, fields.position);
  const plpgsql = /PL\/pgSQL function inline_code_block line (\d+)/.exec(fields.where ?? "");
  const bodyLine = doBodyLine(statement);
  if (plpgsql?.[1] && bodyLine !== undefined) return statement.line + bodyLine + Number(plpgsql[1]) - 1;
  return statement.line;
}

/** The first line of a message: server messages are one line, but wrapped errors may not be. */
export function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
