// The environment a step sees: an allowlist, never the runner's whole environment. A small safe base
// (PATH, HOME, locale, temp folders, CI, and the GitHub Actions context scripts commonly read, none of
// its tokens or command files), the variables the document (`Env`) and `.github/scenarios.yml`
// (`env:`) name, plus what the engine adds: SCENARIO_PARAM_*, SCENARIO_TIMESTAMP, SCENARIO_RUN_ID,
// SCENARIO_WORKSPACE, SCENARIO_CLI. A denylist of secret-looking names let `SUPABASE_DB_URL`, `GH_PAT`,
// `REDIS_URL` and `SENTRY_DSN` through to steps, which committed them; `GITHUB_OUTPUT` let a step forge
// the Action's outputs. Values of secret-looking variables are also redacted from stored output.

import path from "node:path";
import { stepEnvNameProblem } from "../../scenario/step-env-names.ts";

const SECRET_NAME =
  /(TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_?KEY|AUTH|DATABASE_URL|_KEY$|_URL$|DSN|PAT$)/i;

/** Handed to every step when the runner has it. */
export const BASE_VARIABLES: readonly string[] = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TERM",
  "TMPDIR",
  "TEMP",
  "TMP",
  "CI",
  "XDG_CACHE_HOME",
  "XDG_CONFIG_HOME",
  "SCENARIO_CACHE_DIR",
  "GITHUB_ACTIONS",
  "GITHUB_ACTOR",
  "GITHUB_API_URL",
  "GITHUB_BASE_REF",
  "GITHUB_EVENT_NAME",
  "GITHUB_GRAPHQL_URL",
  "GITHUB_HEAD_REF",
  "GITHUB_JOB",
  "GITHUB_REF",
  "GITHUB_REF_NAME",
  "GITHUB_REF_TYPE",
  "GITHUB_REPOSITORY",
  "GITHUB_REPOSITORY_OWNER",
  "GITHUB_RUN_ATTEMPT",
  "GITHUB_RUN_ID",
  "GITHUB_RUN_NUMBER",
  "GITHUB_SERVER_URL",
  "GITHUB_SHA",
  "GITHUB_WORKFLOW",
  "GITHUB_WORKSPACE",
  "RUNNER_ARCH",
  "RUNNER_DEBUG",
  "RUNNER_ENVIRONMENT",
  "RUNNER_NAME",
  "RUNNER_OS",
  "RUNNER_TEMP",
  "RUNNER_TOOL_CACHE",
];
const BASE = new Set(BASE_VARIABLES);

/**
 * Handed to steps although its name looks secret: the server `scenario scratch-db` creates its throwaway
 * databases on. Opt-in (without it, steps use an in-memory PGlite); steps run the repository's code, so
 * give it a role that may create databases and nothing more. Its value is still redacted from output.
 */
export const SCRATCH_DATABASE_URL = "SCENARIO_SCRATCH_DATABASE_URL";

export interface StepEnvironment {
  base: NodeJS.ProcessEnv;
  /** Values to redact from stored output. */
  secrets: string[];
}

/**
 * `processEnv` reduced to the base, SCENARIO_SCRATCH_DATABASE_URL, locale (`LC_*`) and the names in
 * `allow` (never the runner's or scenario-bot's own: see stepEnvNameProblem).
 */
export function stepEnvironment(
  processEnv: NodeJS.ProcessEnv,
  extraSecrets: string[] = [],
  allow: readonly string[] = [],
): StepEnvironment {
  const base: NodeJS.ProcessEnv = {};
  const secrets = [...extraSecrets];
  const allowed = new Set(allow.filter((name) => stepEnvNameProblem(name) === undefined));
  for (const [name, value] of Object.entries(processEnv)) {
    if (value === undefined) continue;
    if (SECRET_NAME.test(name) && !BASE.has(name)) secrets.push(value);
    if (BASE.has(name) || allowed.has(name) || name === SCRATCH_DATABASE_URL || name.startsWith("LC_")) {
      base[name] = value;
    }
  }
  // Steps get the Node that runs the engine first on PATH (e.g. Node 24 for .ts files), whatever the shell finds.
  const nodeDir = path.dirname(process.execPath);
  if (!(base.PATH ?? "").split(path.delimiter).includes(nodeDir)) {
    base.PATH = [nodeDir, base.PATH].filter(Boolean).join(path.delimiter);
  }
  return { base, secrets: [...new Set(secrets.filter((s) => s.length >= 6).flatMap(secretForms))] };
}

/**
 * The forms a secret is printed in: as is, URL-encoded, base64 (and of `x-access-token:<it>`, the
 * `AUTHORIZATION: basic` header git sends with a GitHub token), unpadded so a longer encoding matches too.
 */
export function secretForms(secret: string): string[] {
  const b64 = (text: string) => Buffer.from(text).toString("base64").replace(/=+$/, "");
  return [secret, encodeURIComponent(secret), b64(secret), b64(`x-access-token:${secret}`)].filter(
    (form) => form.length >= 6,
  );
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("***");
  return out;
}

/** The last `bytes` of output, cut at a line start when one is near. */
export function tail(text: string, bytes = 4096): string {
  if (text.length <= bytes) return text;
  const cut = text.slice(-bytes);
  const newline = cut.indexOf("\n");
  return `...\n${newline >= 0 && newline < 200 ? cut.slice(newline + 1) : cut}`;
}
