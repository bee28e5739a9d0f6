// Typed access to the variables listed in .env.example: fail at start-up with the missing name, not later.
export interface AppEnv {
  NODE_ENV: string;
  SUPABASE_URL: string;
  SUPABASE_ANON_KEY: string;
  API_PROXY_PORT: number;
  API_UPSTREAM_URL: string;
  LOG_LEVEL: string;
}

export class MissingEnvError extends Error {
  readonly variable: string;
  constructor(variable: string) {
    super("Environment variable " + variable + " is not set: add it to .env (see .env.example).");
    this.name = "MissingEnvError";
    this.variable = variable;
  }
}

function required(env: Record<string, string | undefined>, name: string): string {
  const value = env[name];
  if (value === undefined) throw new MissingEnvError(name);
  return value;
}

export function loadEnv(env: Record<string, string | undefined> = process.env): AppEnv {
  return {
    NODE_ENV: env.NODE_ENV ?? "development",
    SUPABASE_URL: required(env, "SUPABASE_URL"),
    SUPABASE_ANON_KEY: env.SUPABASE_ANON_KEY ?? "",
    API_PROXY_PORT: Number(env.API_PROXY_PORT ?? "8787"),
    API_UPSTREAM_URL: required(env, "API_UPSTREAM_URL"),
    LOG_LEVEL: env.LOG_LEVEL ?? "info",
  };
}
