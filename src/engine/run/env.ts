// The environment a step sees: the process environment minus anything that looks like a secret,
// plus the step's parameter variables, SCENARIO_CLI and SCENARIO_RUN_ID. Secret values that were
// dropped are also redacted from any output the run stores.

import path from "node:path";

const SECRET_NAME =
  /(TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_?KEY|AUTH|DATABASE_URL|_KEY$)/i;

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

export function stepEnvironment(processEnv: NodeJS.ProcessEnv, extraSecrets: string[] = []): StepEnvironment {
  const base: NodeJS.ProcessEnv = {};
  const secrets = [...extraSecrets];
  for (const [name, value] of Object.entries(processEnv)) {
    if (value === undefined) continue;
    if (SECRET_NAME.test(name)) {
      secrets.push(value);
      if (name === SCRATCH_DATABASE_URL) base[name] = value;
      continue;
    }
    // Values of an outer scenario must not leak into this run's placeholders.
    if (name.startsWith("SCENARIO_PARAM_")) continue;
    base[name] = value;
  }
  // Steps get the Node that runs the engine first on PATH (e.g. Node 24 for .ts files), whatever the shell finds.
  const nodeDir = path.dirname(process.execPath);
  if (!(base.PATH ?? "").split(path.delimiter).includes(nodeDir)) {
    base.PATH = [nodeDir, base.PATH].filter(Boolean).join(path.delimiter);
  }
  return { base, secrets: secrets.filter((s) => s.length >= 6) };
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
