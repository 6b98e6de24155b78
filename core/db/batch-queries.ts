import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "./database.ts";
import { batches } from "./schema.ts";

/**
 * The open batch, locked against confirmations until the transaction ends (sisconf_lock_open_batch in
 * migrations/, which confirmations share): the first step of closing it.
 */
export async function openBatchForClosing(
  tx: Executor,
  businessId: number,
): Promise<{ id: number; number: number; openedAt: Date } | undefined> {
  await tx.execute(sql`select sisconf_lock_open_batch(${businessId}, true)`);
  const [batch] = await tx
    .select({ id: batches.id, number: batches.number, openedAt: batches.openedAt })
    .from(batches)
    .where(and(eq(batches.businessId, businessId), eq(batches.status, "open")))
    .for("update");
  return batch;
}
