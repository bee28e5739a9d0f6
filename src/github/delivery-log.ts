// The delivery log on the store: `recordDelivery` in a transaction that does not wait for the WAL
// flush (`synchronous_commit = off`, this transaction only). A commit costs a disk flush otherwise,
// ~2-4 ms, on every webhook. What it risks: if the database server itself crashes within a fraction
// of a second of a delivery, that record is lost and a redelivery of it would be handled again.
import { type Db, recordDelivery } from "../store/index.ts";
import type { DeliveryLog } from "./deps.ts";

export function sqlDeliveryLog(db: Db | (() => Promise<Db>)): DeliveryLog {
  const get = typeof db === "function" ? db : async () => db;
  return {
    async record(deliveryId, event) {
      return (await get()).transaction(async (tx) => {
        await tx.query("SET LOCAL synchronous_commit TO OFF");
        return recordDelivery(tx, deliveryId, event);
      });
    },
  };
}
