// The git credentials actions/checkout leaves behind, kept from the steps. `persist-credentials` writes
// `http.https://github.com/.extraheader = AUTHORIZATION: basic base64(x-access-token:TOKEN)` into the
// checkout's git config (or a file it includes), where every step could read it with `git config` and
// print it. For the job's length the action takes those entries (and remote URLs with a password in
// them) out of the files they are in, hands them to its own git calls only (GIT_CONFIG_* variables of
// that call), and puts them back when the command ends, for the workflow's later steps.
import { git } from "../../local/git.ts";

const runGit = (repo: string, args: string[]) => git(args, { cwd: repo }).then((out) => out.trim());

interface Entry {
  file: string;
  key: string;
  value: string;
  /** What the file holds meanwhile (a URL without its password), or undefined: removed. */
  stand?: string;
}

const CREDENTIAL_KEYS = /^(http\..*\.extraheader|remote\..*\.url)$/i;
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/)[^/@]*:[^/@]*@/i;

let held: Entry[] = [];

/** Takes the credentials out of `repo`'s git config files; `restore` puts them back. */
export async function holdGitCredentials(repo: string): Promise<{ restore(): Promise<void> }> {
  const listed = await runGit(repo, [
    "config",
    "--show-origin",
    "--get-regexp",
    "^(http\\..*\\.extraheader|remote\\..*\\.url)$",
  ]).catch(() => "");
  const entries: Entry[] = [];
  for (const line of listed.split("\n")) {
    const m = /^file:(.*?)\t(\S+) (.*)$/.exec(line);
    if (!m || !CREDENTIAL_KEYS.test(m[2] as string)) continue;
    const [file, key, value] = [m[1] as string, m[2] as string, m[3] as string];
    if (/\.url$/i.test(key)) {
      if (URL_PASSWORD.test(value))
        entries.push({ file, key, value, stand: value.replace(URL_PASSWORD, "$1") });
    } else entries.push({ file, key, value });
  }
  for (const e of entries) {
    if (e.stand === undefined) await runGit(repo, ["config", "--file", e.file, "--unset-all", e.key]);
    else await runGit(repo, ["config", "--file", e.file, e.key, e.stand]);
  }
  held = [...held, ...entries];
  return {
    async restore() {
      for (const e of entries) {
        if (e.stand === undefined) await runGit(repo, ["config", "--file", e.file, "--add", e.key, e.value]);
        else await runGit(repo, ["config", "--file", e.file, e.key, e.value]);
      }
      held = held.filter((h) => !entries.includes(h));
    },
  };
}

/** The held credentials as command-line config for one git call of the action's own. */
export function credentialEnv(): NodeJS.ProcessEnv {
  if (held.length === 0) return {};
  const env: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(held.length) };
  held.forEach((e, i) => {
    env[`GIT_CONFIG_KEY_${i}`] = e.key;
    env[`GIT_CONFIG_VALUE_${i}`] = e.value;
  });
  return env;
}

/** The values held, to be redacted wherever output is stored. */
export function heldSecrets(): string[] {
  return held.flatMap((e) => {
    if (e.stand !== undefined) return [/^[^:]+:\/\/([^@]*)@/.exec(e.value)?.[1] ?? e.value];
    const basic = /basic\s+(\S+)/i.exec(e.value)?.[1];
    return basic ? [basic, Buffer.from(basic, "base64").toString("utf8")] : [e.value];
  });
}

/** git for the action's own calls that reach origin (fetch, push, ls-remote): the held credentials go with it. */
export function remoteGit(repo: string, args: string[]): Promise<string> {
  return git(args, { cwd: repo, env: { ...process.env, ...credentialEnv() } }).then((out) => out.trim());
}
