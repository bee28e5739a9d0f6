// One `--assert-rls TABLE` check: row level security is on, and a fresh non-superuser role (the
// way an app user reaches the table) can neither read (unless reads are public), update nor delete
// a row it does not own. Everything it creates, role and rows, is rolled back.
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../db.ts";
import { messageOf } from "../errors.ts";
import { insertProbeRow, queryTriggersPermitting } from "./probe-row.ts";

export interface RlsCheck {
  table: string;
  ok: boolean;
  /** One line: what was checked and what was found. */
  detail: string;
  /** Set when the table does not exist: its unqualified name, lower case. */
  missing?: string;
}

interface TableInfo {
  oid: number;
  name: string;
  rls: boolean;
  policies: number;
}

class Rollback extends Error {
  readonly result: RlsCheck;
  constructor(result: RlsCheck) {
    super("rollback");
    this.result = result;
  }
}

async function tableInfo(db: Db, table: string): Promise<TableInfo | undefined> {
  const { rows } = await db.query<TableInfo>(
    `SELECT c.oid::int AS oid, c.oid::regclass::text AS name, c.relrowsecurity AS rls,
       (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
     FROM pg_class c WHERE c.oid = to_regclass($1) AND c.relkind IN ('r', 'p')`,
    [table],
  );
  return rows[0];
}

/** Run one probe statement in a savepoint: its row count, or the error that stopped it. */
async function attempt(tx: Db, sql: string, select: boolean): Promise<{ count?: number; error?: string }> {
  try {
    return await tx.transaction(async (sp) => {
      const result = await sp.query<{ n: number }>(sql);
      return { count: select ? (result.rows[0]?.n ?? 0) : result.rowCount };
    });
  } catch (error) {
    return { error: messageOf(error) };
  }
}

/** A column an UPDATE may set to itself (not generated, not an identity ALWAYS). */
async function updatableColumn(db: Db, oid: number): Promise<string | undefined> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT quote_ident(attname) AS name FROM pg_attribute
     WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped AND attgenerated = '' AND attidentity <> 'a'
     ORDER BY attnum LIMIT 1`,
    [oid],
  );
  return rows[0]?.name;
}

/** A user id, in auth.users when the database has it (so foreign keys to it hold). */
async function signedInUser(tx: Db): Promise<string> {
  const id = randomUUID();
  // The repository's sign-up triggers run, as for a real user (a profile row), unless they refuse it.
  await queryTriggersPermitting(
    tx,
    `DO $$ BEGIN IF to_regclass('auth.users') IS NOT NULL THEN
       INSERT INTO auth.users (id) VALUES ('${id}');
     END IF; END $$`,
  );
  return id;
}

/** The JWT claims PostgREST sets for a signed-in user: the settings older versions read and the object newer ones do. */
async function actAs(tx: Db, sub: string): Promise<void> {
  await tx.query(
    "SELECT set_config('request.jwt.claim.sub', $1, true), set_config('request.jwt.claim.role', 'authenticated', true), set_config('request.jwt.claims', $2, true)",
    [sub, JSON.stringify({ sub, role: "authenticated", aud: "authenticated" })],
  );
}

async function permissivePolicies(
  db: Db,
  oid: number,
): Promise<{ name: string; cmd: string; using: string }[]> {
  const { rows } = await db.query<{ name: string; cmd: string; using: string }>(
    `SELECT polname AS name,
       CASE polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS cmd,
       coalesce(pg_get_expr(polqual, polrelid), 'true') AS using
     FROM pg_policy WHERE polrelid = $1 AND polpermissive ORDER BY polname`,
    [oid],
  );
  return rows;
}

export interface RlsCheckOptions {
  /** Everyone may read the rows (a read-public policy): only writes must be refused. */
  publicRead?: boolean;
}

export async function checkRls(db: Db, table: string, options: RlsCheckOptions = {}): Promise<RlsCheck> {
  let info: TableInfo | undefined;
  try {
    info = await tableInfo(db, table);
  } catch (error) {
    return { table, ok: false, detail: `${table} is not a valid table name (${messageOf(error)})` };
  }
  if (!info)
    return {
      table,
      ok: false,
      detail: `${table} does not exist after the migrations; check the table name.`,
      missing: (table.split(".").at(-1) ?? table).replaceAll('"', "").toLowerCase(),
    };
  if (!info.rls) {
    return {
      table: info.name,
      ok: false,
      detail: `row level security is not enabled on ${info.name}: add \`alter table ${info.name} enable row level security;\` to a migration.`,
    };
  }
  const found = info;
  const permissive = await permissivePolicies(db, found.oid);
  // Policies are ORed: when a check fails, every permissive policy for that command is a suspect.
  const which = (command: string) => {
    const suspects = permissive.filter((p) => p.cmd === command || p.cmd === "ALL");
    return suspects.length > 0
      ? `; permissive ${command} policies: ${suspects.map((p) => `${p.name} USING ${p.using}`).join(", ")}`
      : "";
  };
  const role = `scenario_rls_probe_${randomBytes(4).toString("hex")}`;
  try {
    await db.transaction(async (tx) => {
      // The row belongs to another signed-in user: defaults and triggers that read auth.uid() fill it in.
      await actAs(tx, await signedInUser(tx));
      await insertProbeRow(tx, found.oid, found.name);
      const { rows: total } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${found.name}`);
      await tx.query(`CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS`);
      // Supabase-style policies name the `authenticated` role; the probe is one of them when it exists.
      await tx.query(
        `DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN EXECUTE 'GRANT authenticated TO ${role}'; END IF; END $$`,
      );
      const { rows: schemas } = await tx.query<{ n: string }>(
        "SELECT quote_ident(nspname) AS n FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'",
      );
      for (const s of schemas) await tx.query(`GRANT USAGE ON SCHEMA ${s.n} TO ${role}`);
      await tx.query(`GRANT SELECT, UPDATE, DELETE ON ${found.name} TO ${role}`);
      const column = await updatableColumn(tx, found.oid);
      // The probe is a second signed-in user, for policies that compare with auth.uid() / the JWT
      // subject; not in auth.users, so a trigger there (Supabase's handle_new_user) gives it no row.
      await actAs(tx, randomUUID());
      await tx.query(`SET LOCAL ROLE ${role}`);
      const rows = total[0]?.n ?? 0;
      const seen = await attempt(tx, `SELECT count(*)::int AS n FROM ${found.name}`, true);
      const updated = column
        ? await attempt(tx, `UPDATE ${found.name} SET ${column} = ${column}`, false)
        : { count: 0, error: "no updatable column" };
      const deleted = await attempt(tx, `DELETE FROM ${found.name}`, false);
      const problems: string[] = [];
      if (seen.error !== undefined && seen.count === undefined)
        problems.push(`reading it failed: ${seen.error}`);
      else if (!options.publicRead && (seen.count ?? 0) > 0) {
        problems.push(
          `it can read ${seen.count} of ${rows} row(s) it does not own (check the SELECT policy's USING clause${which("SELECT")}, or pass --public-read if everyone may read)`,
        );
      }
      if ((updated.count ?? 0) > 0)
        problems.push(
          `it can update ${updated.count} row(s) it does not own (check the UPDATE policy${which("UPDATE")})`,
        );
      if ((deleted.count ?? 0) > 0)
        problems.push(
          `it can delete ${deleted.count} row(s) it does not own (check the DELETE policy${which("DELETE")})`,
        );
      const ok = problems.length === 0;
      const policies = `${found.policies} polic${found.policies === 1 ? "y" : "ies"}`;
      const reads = options.publicRead ? `reads ${seen.count ?? 0} (public read allowed)` : `sees 0`;
      const detail = ok
        ? `row level security is on (${policies}); a fresh non-superuser role ${reads} of ${rows} row(s) it does not own and can update or delete none`
        : `row level security is on (${policies}) but a fresh non-superuser role bypasses it: ${problems.join("; ")}.`;
      throw new Rollback({ table: found.name, ok, detail });
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    return {
      table: found.name,
      ok: false,
      detail: `could not set up the probe for ${found.name}: ${messageOf(error)}`,
    };
  }
  throw new Error("unreachable: the probe transaction always rolls back");
}
