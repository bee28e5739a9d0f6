// The App's connection to the store commits without waiting for the WAL flush
// (`synchronous_commit = off`, set for its own connections through the connection string). A flushed
// commit costs ~2-4 ms of disk on every webhook otherwise. What it risks, only if the database server
// itself crashes within a fraction of a second of a write: a lost delivery id (a redelivery of it
// would be handled again), a lost `queued` row (harmless: the Action creates the run it is dispatched
// for when the row is missing, src/action/store.ts), or a lost tick (the Action re-reads the checklist).
import { type Db, recordDelivery } from "../store/index.ts";
import type { DeliveryLog } from "./deps.ts";

/** `url` with `synchronous_commit=off` for every connection made from it. */
export function asyncCommitUrl(url: string): string {
  const parsed = new URL(url);
  const options = parsed.searchParams.get("options");
  if (options?.includes("synchronous_commit")) return url;
  parsed.searchParams.set("options", `${options ? `${options} ` : ""}-c synchronous_commit=off`);
  return parsed.toString();
}

export function sqlDeliveryLog(db: Db | (() => Promise<Db>)): DeliveryLog {
  const get = typeof db === "function" ? db : async () => db;
  return { record: async (deliveryId, event) => recordDelivery(await get(), deliveryId, event) };
}
