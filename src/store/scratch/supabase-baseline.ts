// What a Supabase project has before its first migration runs, so a real Supabase history can be
// replayed on a bare PostgreSQL: the roles (anon, authenticated, service_role, ...), the `auth` schema
// with `auth.users` and `auth.uid()`/`role()`/`jwt()`/`email()`, the `extensions` schema with
// uuid-ossp and pgcrypto on the search path, the `storage` schema with its buckets and objects, the
// `supabase_realtime` publication, and Supabase's default grants. Shapes follow Supabase's own
// (GoTrue's auth.users columns, the storage API's tables); no data, no triggers of the services.
// What cannot be provided here (pgvector, pg_net, pg_cron, pgsodium/vault, pg_graphql, pgjwt) is named
// by `UNPROVIDED` so a failure that needs it says so.
import type { Db } from "../db.ts";
import { messageOf } from "../errors.ts";

/** Roles Supabase creates; cluster-wide on a server, so made only when missing and never dropped. */
const ROLES: [name: string, attributes: string][] = [
  ["anon", "NOLOGIN NOINHERIT"],
  ["authenticated", "NOLOGIN NOINHERIT"],
  ["service_role", "NOLOGIN NOINHERIT BYPASSRLS"],
  ["authenticator", "NOLOGIN NOINHERIT"],
  ["supabase_auth_admin", "NOLOGIN NOINHERIT"],
  ["supabase_storage_admin", "NOLOGIN NOINHERIT"],
  ["supabase_admin", "NOLOGIN"],
  ["dashboard_user", "NOLOGIN"],
  ["postgres", "NOLOGIN"],
];

/** Supabase's search path: objects of the extensions resolve unqualified, as on the hosted database. */
export const SUPABASE_SEARCH_PATH = `"$user", public, extensions`;

/** Extensions Supabase repositories often use that neither PGlite nor a stock server provides, with the names they are reached by. */
export const UNPROVIDED: { extension: string; schemas: string[]; types: string[] }[] = [
  { extension: "vector", schemas: [], types: ["vector", "halfvec", "sparsevec"] },
  { extension: "pg_net", schemas: ["net"], types: [] },
  { extension: "pg_cron", schemas: ["cron"], types: [] },
  { extension: "supabase_vault", schemas: ["vault"], types: [] },
  { extension: "pgsodium", schemas: ["pgsodium"], types: [] },
  { extension: "pg_graphql", schemas: ["graphql", "graphql_public"], types: [] },
  { extension: "pgjwt", schemas: [], types: [] },
  { extension: "http", schemas: [], types: [] },
  { extension: "postgis", schemas: [], types: ["geometry", "geography"] },
];

const AUTH = `
CREATE SCHEMA IF NOT EXISTS auth;
CREATE TABLE IF NOT EXISTS auth.users (
  instance_id uuid,
  id uuid NOT NULL PRIMARY KEY,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255),
  email_change varchar(255),
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text UNIQUE DEFAULT NULL,
  phone_confirmed_at timestamptz,
  phone_change text DEFAULT '',
  phone_change_token varchar(255) DEFAULT '',
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz GENERATED ALWAYS AS (LEAST(email_confirmed_at, phone_confirmed_at)) STORED,
  email_change_token_current varchar(255) DEFAULT '',
  email_change_confirm_status smallint DEFAULT 0 CHECK (email_change_confirm_status >= 0 AND email_change_confirm_status <= 2),
  banned_until timestamptz,
  reauthentication_token varchar(255) DEFAULT '',
  reauthentication_sent_at timestamptz,
  is_sso_user boolean NOT NULL DEFAULT false,
  deleted_at timestamptz,
  is_anonymous boolean NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS auth.identities (
  provider_id text NOT NULL,
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  identity_data jsonb NOT NULL,
  provider text NOT NULL,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text GENERATED ALWAYS AS (lower(identity_data ->> 'email')) STORED,
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  UNIQUE (provider_id, provider)
);
CREATE TABLE IF NOT EXISTS auth.sessions (
  id uuid NOT NULL PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  created_at timestamptz,
  updated_at timestamptz,
  not_after timestamptz,
  refreshed_at timestamp,
  user_agent text,
  ip inet
);
CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
$$;
CREATE OR REPLACE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text
$$;
CREATE OR REPLACE FUNCTION auth.email() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email'))::text
$$;
CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$$;
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;
GRANT EXECUTE ON FUNCTION auth.uid(), auth.role(), auth.email(), auth.jwt() TO anon, authenticated, service_role;
`;

const STORAGE = `
CREATE SCHEMA IF NOT EXISTS storage;
CREATE TABLE IF NOT EXISTS storage.buckets (
  id text NOT NULL PRIMARY KEY,
  name text NOT NULL UNIQUE,
  owner uuid,
  owner_id text,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  public boolean DEFAULT false,
  avif_autodetection boolean DEFAULT false,
  file_size_limit bigint,
  allowed_mime_types text[]
);
CREATE TABLE IF NOT EXISTS storage.objects (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  bucket_id text REFERENCES storage.buckets (id),
  name text,
  owner uuid,
  owner_id text,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  last_accessed_at timestamptz DEFAULT now(),
  metadata jsonb,
  path_tokens text[] GENERATED ALWAYS AS (string_to_array(name, '/')) STORED,
  version text,
  user_metadata jsonb,
  UNIQUE (bucket_id, name)
);
ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;
CREATE OR REPLACE FUNCTION storage.foldername(name text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT (string_to_array(name, '/'))[1:array_length(string_to_array(name, '/'), 1) - 1]
$$;
CREATE OR REPLACE FUNCTION storage.filename(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (string_to_array(name, '/'))[array_length(string_to_array(name, '/'), 1)]
$$;
CREATE OR REPLACE FUNCTION storage.extension(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT reverse(split_part(reverse(name), '.', 1))
$$;
GRANT USAGE ON SCHEMA storage TO anon, authenticated, service_role;
GRANT ALL ON storage.buckets, storage.objects TO anon, authenticated, service_role;
`;

const DEFAULTS = `
CREATE SCHEMA IF NOT EXISTS extensions;
GRANT USAGE ON SCHEMA public, extensions TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'supabase_realtime') THEN
    CREATE PUBLICATION supabase_realtime;
  END IF;
END $$;
`;

/** Everything the baseline runs, for naming a cached copy of it (supabase-template.ts). */
export const BASELINE_SQL = [JSON.stringify(ROLES), DEFAULTS, AUTH, STORAGE].join("\n");

function createRole(name: string, attributes: string): string {
  // A concurrent scratch database on the same server may create it between the check and here.
  return `DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${name}') THEN CREATE ROLE ${name} ${attributes}; END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;
}

/**
 * Install the baseline into a fresh scratch database. Returns one line per part that could not be
 * provided (a role a non-superuser may not create, an extension the server lacks); the rest is there.
 */
export async function installSupabaseBaseline(db: Db): Promise<string[]> {
  const missing: string[] = [];
  for (const [name, attributes] of ROLES) {
    try {
      await db.exec(createRole(name, attributes));
    } catch (error) {
      missing.push(`role ${name}: ${messageOf(error)}`);
    }
  }
  try {
    await db.exec("GRANT anon, authenticated, service_role TO authenticator");
  } catch {
    // Only a convenience of the hosted setup; policies do not depend on it.
  }
  await db.exec(DEFAULTS);
  for (const extension of ["uuid-ossp", "pgcrypto"]) {
    try {
      await db.exec(`CREATE EXTENSION IF NOT EXISTS "${extension}" WITH SCHEMA extensions`);
    } catch (error) {
      missing.push(`extension ${extension}: ${messageOf(error)}`);
    }
  }
  await db.exec(`SET search_path TO ${SUPABASE_SEARCH_PATH}`);
  await db.exec(AUTH);
  await db.exec(STORAGE);
  return missing;
}
