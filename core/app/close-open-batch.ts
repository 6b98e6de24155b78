import { and, eq } from "drizzle-orm";
import { openBatchForClosing } from "../db/batch-queries.ts";
import type { Tx } from "../db/database.ts";
import { batches, orderItems, orders, providers, sheets } from "../db/schema.ts";
import { sheetStorageKey } from "../domain/sheet-key.ts";
import { advanceBatchOrders } from "./order-status-news.ts";

export type OpenBatchClosing =
  | { kind: "closed"; closedId: number; closedNumber: number; nextBatch: { id: number; number: number } }
  | { kind: "no_open_batch" }
  | { kind: "empty"; batchNumber: number }
  /** The open batch was opened at or after `openedBefore`: someone closed the one that was due already. */
  | { kind: "opened_later"; batchNumber: number };

/**
 * Closes the open batch and opens the next, inside the caller's transaction: its orders become placed (their
 * customers are told), and one sheet per provider with items plus a consolidated one are recorded with
 * `enqueued_at` unset, which is the job outbox the relay drains. A batch with no orders is left open.
 */
export async function closeOpenBatch(
  tx: Tx,
  input: {
    businessId: number;
    /** Phones that get the sheet links. */
    sheetRecipients: readonly string[];
    now: Date;
    /** Only a batch opened before this moment (the scheduled close it is due for). */
    openedBefore?: Date;
  },
): Promise<OpenBatchClosing> {
  const { businessId, now } = input;
  // Waits for confirmations in flight to commit, and keeps new ones out until this commits.
  const batch = await openBatchForClosing(tx, businessId);
  if (!batch) return { kind: "no_open_batch" };
  if (input.openedBefore && batch.openedAt.getTime() >= input.openedBefore.getTime()) {
    return { kind: "opened_later", batchNumber: batch.number };
  }

  const placed = await advanceBatchOrders(tx, {
    businessId,
    batchId: batch.id,
    batchNumber: batch.number,
    from: "received",
    to: "placed",
    now,
  });
  if (placed === 0) return { kind: "empty", batchNumber: batch.number };
  await tx
    .update(batches)
    .set({ status: "closed", closedAt: now, sheetRecipients: [...new Set(input.sheetRecipients)] })
    .where(eq(batches.id, batch.id));
  const [next] = await tx
    .insert(batches)
    .values({ businessId, number: batch.number + 1, status: "open", openedAt: now })
    .returning({ id: batches.id, number: batches.number });
  if (!next) throw new Error("next batch insert returned no row");

  const providerRows = await tx
    .selectDistinct({ providerId: providers.id, providerKey: providers.key })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .innerJoin(providers, eq(providers.id, orderItems.providerId))
    .where(and(eq(orders.batchId, batch.id), eq(orders.status, "placed")));
  const sheetRows = [
    ...providerRows
      .sort((left, right) => left.providerKey.localeCompare(right.providerKey))
      .map((row) => ({
        kind: "provider",
        providerId: row.providerId,
        storageKey: sheetStorageKey(batch.id, batch.number, row.providerKey),
      })),
    { kind: "consolidated", providerId: null, storageKey: sheetStorageKey(batch.id, batch.number, null) },
  ];
  await tx
    .insert(sheets)
    .values(sheetRows.map((sheet) => ({ ...sheet, businessId, batchId: batch.id, createdAt: now })));
  return { kind: "closed", closedId: batch.id, closedNumber: batch.number, nextBatch: next };
}
