// One `--assert-rls TABLE` check: row level security is on, and a fresh non-superuser role (the
// way an app user reaches the table) sees none of a row it does not own. Everything it creates,
// role and rows, is rolled back.
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../db.ts";
import { messageOf } from "../errors.ts";
import { insertProbeRow } from "./probe-row.ts";

export interface RlsCheck {
  table: string;
  ok: boolean;
  /** One line: what was checked and what was found. */
  detail: string;
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

export async function checkRls(db: Db, table: string): Promise<RlsCheck> {
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
    };
  if (!info.rls) {
    return {
      table: info.name,
      ok: false,
      detail: `row level security is not enabled on ${info.name}: add \`alter table ${info.name} enable row level security;\` to a migration.`,
    };
  }
  const found = info;
  const role = `scenario_rls_probe_${randomBytes(4).toString("hex")}`;
  try {
    await db.transaction(async (tx) => {
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
      await tx.query(`GRANT SELECT ON ${found.name} TO ${role}`);
      // Another user's identity, for policies that compare with auth.uid() / the JWT subject.
      await tx.query("SELECT set_config('request.jwt.claim.sub', $1, true)", [randomUUID()]);
      await tx.query(`SET LOCAL ROLE ${role}`);
      let detail: string;
      let ok: boolean;
      try {
        const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${found.name}`);
        const seen = rows[0]?.n ?? 0;
        ok = seen === 0;
        detail = ok
          ? `row level security is on (${found.policies} polic${found.policies === 1 ? "y" : "ies"}); a fresh non-superuser role sees 0 of ${total[0]?.n} row(s) it does not own`
          : `a fresh non-superuser role can read ${seen} of ${total[0]?.n} row(s) of ${found.name} it does not own: a policy is too broad (check its USING clause).`;
      } catch (error) {
        ok = false;
        detail = `reading ${found.name} as a fresh non-superuser role failed: ${messageOf(error)}`;
      }
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
