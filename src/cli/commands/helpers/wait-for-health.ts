// `scenario wait-for-health <url> [--timeout <s>]`: polls until the URL answers 2xx, for a step that
// starts a server and a health check that must not race it. Each attempt is bounded, so a server that
// accepts and never answers cannot hold the step past its timeout.
import type { Command } from "commander";
import type { CommandContext } from "../index.ts";

export interface WaitOptions {
  timeoutMs: number;
  intervalMs: number;
  /** One request at most (and never past the deadline). */
  attemptMs?: number;
}

export type WaitOutcome = { ok: true; status: number; afterMs: number } | { ok: false; last: string };

export async function waitForHealth(url: string, options: WaitOptions): Promise<WaitOutcome> {
  const start = Date.now();
  const deadline = start + options.timeoutMs;
  const attemptMs = options.attemptMs ?? 5000;
  let last: string | undefined;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return { ok: false, last: last ?? "no attempt finished" };
    // The last attempt is often cut short by the deadline: its "no answer" says less than the answer
    // (a 503, a refused connection) an earlier attempt got, so it does not replace it.
    const cutShort = left < attemptMs;
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(Math.max(1, Math.min(attemptMs, left))),
        redirect: "follow",
      });
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300)
        return { ok: true, status: response.status, afterMs: Date.now() - start };
      last = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    } catch (error) {
      if (!(cutShort && last !== undefined && isTimeout(error))) last = describe(error);
    }
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(options.intervalMs, deadline - Date.now()))));
  }
}

function isTimeout(error: unknown): boolean {
  return (error as Error).name === "TimeoutError";
}

function describe(error: unknown): string {
  if (isTimeout(error)) return "no answer within the attempt's time";
  const e = error as Error & { cause?: Error & { code?: string } };
  return e.cause?.message ?? e.message;
}

export function registerWaitForHealth(program: Command, ctx: CommandContext): void {
  program
    .command("wait-for-health")
    .description("GET a URL until it answers 2xx; exit 1 with the last answer or error after the timeout.")
    .argument("<url>", "http(s) URL to poll")
    .option("--timeout <s>", "seconds to wait in all", "30")
    .option("--interval <ms>", "milliseconds between attempts", "500")
    .action(async (url: string, flags: { timeout: string; interval: string }) => {
      const timeout = Number(flags.timeout);
      const interval = Number(flags.interval);
      if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
        ctx.io.stderr(`wait-for-health: ${JSON.stringify(url)} is not an http(s) URL\n`);
        return ctx.setExitCode(1);
      }
      if (!(timeout > 0) || !(interval >= 0)) {
        ctx.io.stderr(
          "wait-for-health: --timeout must be a positive number of seconds, --interval milliseconds\n",
        );
        return ctx.setExitCode(1);
      }
      const outcome = await waitForHealth(url, { timeoutMs: timeout * 1000, intervalMs: interval });
      if (outcome.ok) {
        ctx.io.stdout(
          `wait-for-health: ${url} answered ${outcome.status} after ${(outcome.afterMs / 1000).toFixed(1)} s\n`,
        );
        return;
      }
      ctx.io.stderr(`wait-for-health: no 2xx from ${url} within ${timeout} s; last: ${outcome.last}\n`);
      ctx.setExitCode(1);
    });
}
