// Webhook idempotency: a delivery id is handled once, across app replicas, by a unique key.
import type { Db } from "./db.ts";

/** True only the first time `deliveryId` is seen; false for a redelivery or a concurrent duplicate. */
export async function recordDelivery(db: Db, deliveryId: string, event: string): Promise<boolean> {
  const { rowCount } = await db.query(
    "INSERT INTO webhook_deliveries (delivery_id, event) VALUES ($1, $2) ON CONFLICT (delivery_id) DO NOTHING",
    [deliveryId, event],
    { name: "record-delivery" },
  );
  return rowCount === 1;
}

/** Forget deliveries received before `before` (GitHub redelivers for days, not months); returns how many. */
export async function pruneDeliveries(db: Db, before: Date): Promise<number> {
  const { rowCount } = await db.query("DELETE FROM webhook_deliveries WHERE received_at < $1", [before]);
  return rowCount;
}
