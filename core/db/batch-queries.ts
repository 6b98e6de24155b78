import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "./database.ts";
import { batches } from "./schema.ts";

/**
 * Advisory-lock class of "the open batch of business N": confirmations (sisconf_place_order in migrations/, which
 * repeats this number) share it and closing takes it alone, so a close waits until the confirmations in flight
 * commit, and a confirmation whose next statement runs after a close committed sees the next batch: each order
 * lands in exactly one batch. Advisory locks live in memory, unlike row locks, so many confirmations share one
 * without writing to the batch row.
 */
const OPEN_BATCH_LOCK_CLASS = 7316;

/** The open batch, locked against confirmations until the transaction ends: the first step of closing it. */
export async function openBatchForClosing(
  tx: Executor,
  businessId: number,
): Promise<{ id: number; number: number } | undefined> {
  await tx.execute(sql`select pg_advisory_xact_lock(${OPEN_BATCH_LOCK_CLASS}, ${businessId})`);
  const [batch] = await tx
    .select({ id: batches.id, number: batches.number })
    .from(batches)
    .where(and(eq(batches.businessId, businessId), eq(batches.status, "open")))
    .for("update");
  return batch;
}

/**
 * Order numbers come from a sequence per business: handing one out takes no lock that others wait on.
 * sisconf_place_order in migrations/ names it the same way.
 */
export function orderNumberSequence(businessId: number): string {
  return `order_number_business_${businessId}`;
}
