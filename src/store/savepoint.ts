// Nested transactions for both backends: inside a transaction, `transaction()` opens a savepoint.
import type { Db } from "./db.ts";

export async function withSavepoint<T>(tx: Db, depth: number, fn: () => Promise<T>): Promise<T> {
  const name = `sp_${depth}`;
  await tx.query(`SAVEPOINT ${name}`);
  try {
    const result = await fn();
    await tx.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}
