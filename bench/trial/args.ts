// The trial's command line: `npm run trial -- <checkout> [overrides.json] [--github [--committed-dist]]
// [--json] [--markdown] [--scenarios DIR] [--only id,id] [--keep] [--timeout SECONDS]`. Read by hand: a
// few flags do not need commander.
import path from "node:path";

export const SHIPPED_SCENARIOS = path.resolve(import.meta.dirname, "../../scenarios");

export interface TrialArgs {
  checkout: string;
  overridesFile: string | undefined;
  scenarios: string;
  json: boolean;
  /** Also print the markdown table bench/TRIAL.md keeps. */
  markdown: boolean;
  only: string[] | undefined;
  keep: boolean;
  /** Limit of one CLI process or job (a run, a resume), in milliseconds. */
  timeoutMs: number;
  /** Through GitHub: a comment to the App, its dispatches run as jobs by the Action (bench/trial/github.ts). */
  github: boolean;
  /** With --github: the committed dist/index.js as the jobs' bundle (writes 1 s apart, as in production). */
  committedDist: boolean;
}

export const USAGE = [
  "usage: npm run trial -- <checkout> [overrides.json] [--github [--committed-dist]] [--json] [--markdown] [--scenarios DIR] [--only id,id] [--keep] [--timeout SECONDS]",
  "  runs every scenario of the catalog (default: the shipped one) on a throwaway copy of <checkout>",
  "  through the CLI, or with --github as a comment to the App whose dispatches the Action runs (GitHub faked on loopback; needs PostgreSQL)",
  '  overrides.json: {"<scenario id>": {"<parameter>": "<value>"}}; other parameters take their Example: value',
].join("\n");

export class UsageError extends Error {
  override name = "UsageError";
}

export function parseArgs(argv: string[]): TrialArgs {
  const positional: string[] = [];
  const args: Omit<TrialArgs, "checkout" | "overridesFile"> = {
    scenarios: SHIPPED_SCENARIOS,
    json: false,
    markdown: false,
    only: undefined,
    keep: false,
    timeoutMs: 900_000,
    github: false,
    committedDist: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === "--json") args.json = true;
    else if (arg === "--markdown") args.markdown = true;
    else if (arg === "--keep") args.keep = true;
    else if (arg === "--github") args.github = true;
    else if (arg === "--committed-dist") args.committedDist = true;
    else if (arg === "--scenarios") args.scenarios = path.resolve(value());
    else if (arg === "--only") args.only = value().split(",").filter(Boolean);
    else if (arg === "--timeout") {
      const seconds = Number(value());
      if (!Number.isFinite(seconds) || seconds <= 0)
        throw new UsageError("--timeout takes a number of seconds");
      args.timeoutMs = seconds * 1000;
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const [checkout, overridesFile, ...extra] = positional;
  if (checkout === undefined) throw new UsageError("which checkout? give its path");
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(" ")}`);
  if (args.committedDist && !args.github) throw new UsageError("--committed-dist goes with --github");
  // The App reads the catalog from the repository on GitHub, not from a folder of this machine.
  if (args.github && args.scenarios !== SHIPPED_SCENARIOS)
    throw new UsageError(
      "--github runs the repository's own catalog (else the shipped one): --scenarios does not apply",
    );
  return {
    ...args,
    checkout: path.resolve(checkout),
    overridesFile: overridesFile && path.resolve(overridesFile),
  };
}
