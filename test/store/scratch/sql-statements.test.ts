import { beforeAll, describe, expect, it } from "vitest";
import { lineInFile, loadSqlParser, splitStatements } from "../../../src/store/scratch/sql-statements.ts";

beforeAll(() => loadSqlParser());

const texts = (sql: string) => splitStatements(sql).statements.map((s) => s.text);

describe("splitStatements", () => {
  it("splits where PostgreSQL does: dollar quotes, nested comments, E'' strings, quoted names, BEGIN ATOMIC", () => {
    const sql = [
      "-- header; not a statement",
      "create function f() returns trigger as $body$ begin perform 1; return new; end; $body$ language plpgsql;",
      "select $$ ; $$, 'it''s;', E'\\';', \"a;b\" from t /* ; /* nested ; */ ; */;",
      "create function g() returns int language sql begin atomic select 1; select 2; end;",
      "do $$ begin raise notice 'x;'; end $$;",
      "select 3 -- trailing; comment",
    ].join("\n");
    expect(texts(sql)).toEqual([
      "create function f() returns trigger as $body$ begin perform 1; return new; end; $body$ language plpgsql",
      "select $$ ; $$, 'it''s;', E'\\';', \"a;b\" from t /* ; /* nested ; */ ; */",
      "create function g() returns int language sql begin atomic select 1; select 2; end",
      "do $$ begin raise notice 'x;'; end $$",
      "select 3 -- trailing; comment",
    ]);
  });

  it("gives each statement its first line, after the comments above it, counting multibyte text right", () => {
    const sql =
      "-- ünïcödé ✓\n/* a\n b */\ncreate table a (name text default 'é✓');\n\n  insert into a values ('x');\n";
    const { statements } = splitStatements(sql);
    expect(statements.map((s) => [s.line, s.text])).toEqual([
      [4, "create table a (name text default 'é✓')"],
      [6, "insert into a values ('x')"],
    ]);
    expect(sql.slice(statements[1]?.offset)).toMatch(/^insert/);
  });

  it("marks transaction control so the runner can leave it out", () => {
    const { statements } = splitStatements(
      "BEGIN;\ncreate table a (id int);\nCOMMIT;\nstart transaction;\nend;\nrollback;",
    );
    expect(statements.map((s) => s.transactionControl)).toEqual([true, false, true, true, true, true]);
  });

  it("marks what changes a whole server (databases, tablespaces, roles, settings), parsed or lexed", () => {
    const sql =
      "create database d; alter database d set work_mem = '1MB'; alter system set work_mem = '1MB';\n" +
      "create role r; alter role r set search_path = x; grant r to postgres; alter role r rename to s; drop role s;\n" +
      "create table t (id int); alter table t rename to u; grant select on u to anon; create policy p on u using (true);";
    const marks = (text: string) => splitStatements(text).statements.map((s) => s.sharedScope);
    expect(marks(sql)).toEqual([true, true, true, true, true, true, true, true, false, false, false, false]);
    expect(marks(`${sql}\nCOMMENT ON MIGRATION IS 'x';`)).toEqual([
      ...[true, true, true, true, true, true, true, true, false, false, false, false],
      false,
    ]);
  });

  it("splits a file the parser rejects with the lexer, so the broken statement fails alone", () => {
    // dhg-mono's update_experts_rls_policy ends with `COMMENT ON MIGRATION`, which is not SQL.
    const sql = "create table a (id int);\nCOMMENT ON MIGRATION IS 'x; y';\ncreate table b (id int);\n";
    const split = splitStatements(sql);
    expect(split.parseError).toEqual({ message: 'syntax error at or near "MIGRATION"', line: 2 });
    expect(split.statements.map((s) => [s.line, s.text])).toEqual([
      [1, "create table a (id int)"],
      [2, "COMMENT ON MIGRATION IS 'x; y'"],
      [3, "create table b (id int)"],
    ]);
  });

  it("finds no statement in an empty or comment-only file", () => {
    expect(splitStatements("").statements).toEqual([]);
    expect(splitStatements("  \n").statements).toEqual([]);
    expect(splitStatements("-- nothing yet\n/* todo */\n").statements).toEqual([]);
  });
});

describe("lineInFile", () => {
  it("maps a server position inside a statement to the file line", () => {
    const sql = "select 1;\ncreate table a (\n  id int,\n  bad tyype\n);";
    const statement = splitStatements(sql).statements[1];
    if (!statement) throw new Error("no statement");
    expect(lineInFile(sql, statement, statement.text.indexOf("tyype") + 1)).toBe(4);
  });
});
