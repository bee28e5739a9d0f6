-- What Supabase provides in the auth schema, so the migrations also apply to a plain Postgres
-- (scratch databases, CI). auth.uid() reads the JWT subject PostgREST puts in the request settings.
create schema if not exists auth;

create or replace function auth.uid() returns uuid
  language sql stable
  as $$ select nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;

-- Keeps updated_at current on every table that has one (see the create-database-table scenario).
create or replace function public.set_updated_at() returns trigger
  language plpgsql
  as $$
begin
  new.updated_at = now();
  return new;
end;
$$;
