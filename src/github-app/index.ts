// The probot entry (`npx probot run ./src/github-app/index.ts`): wires the real store, the catalogs and
// clocks from the environment when probot calls it; nothing happens at import time.
import type { ApplicationFunctionOptions, Probot } from "probot";
import { shippedFiles } from "../application/repository/index.ts";
import { newRunId } from "../engine/index.ts";
import { lazyRunStore } from "../store/lazy-run-store.ts";
import { openRunStore } from "../store/open-run-store.ts";
import { createApp } from "./app.ts";
import { RepoCatalogs } from "./catalog/repo-catalogs.ts";
import { asyncCommitUrl, sqlDeliveryLog } from "./delivery-log.ts";

export { createApp } from "./app.ts";
export type { AppDeps, DeliveryLog } from "./deps.ts";

export default function scenarioApp(app: Probot, options?: ApplicationFunctionOptions): void {
  const env = process.env;
  // PostgreSQL from DATABASE_URL; without it, PGlite under <cwd>/.scenario (one replica only).
  const databaseUrl = env.DATABASE_URL?.trim() ? asyncCommitUrl(env.DATABASE_URL.trim()) : undefined;
  // Opened on first use, so starting the App never waits on the database; a failed open is retried.
  let opening: ReturnType<typeof openRunStore> | undefined;
  const opened = () => {
    opening ??= openRunStore({ databaseUrl, repoRoot: options?.cwd ?? process.cwd() });
    opening.catch(() => {
      opening = undefined;
    });
    return opening;
  };
  const appId = Number(env.APP_ID);
  createApp({
    store: lazyRunStore(async () => (await opened()).store),
    deliveries: sqlDeliveryLog(async () => (await opened()).db),
    catalogs: new RepoCatalogs({ shipped: () => shippedFiles() }),
    newRunId: () => newRunId(),
    now: () => new Date(),
    ...(Number.isSafeInteger(appId) && appId > 0 ? { appId } : {}),
    ...(env.APP_SLUG ? { botLogin: `${env.APP_SLUG}[bot]` } : {}),
  })(app);
}
