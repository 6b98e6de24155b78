import { and, eq } from "drizzle-orm";
import { openBatchForClosing } from "../db/batch-queries.ts";
import { batches, orderItems, orders, providers, sheets } from "../db/schema.ts";
import { sheetStorageKey } from "../domain/sheet-key.ts";
import type { CoreContext } from "./context.ts";
import { conflict, notFound } from "./errors.ts";
import { type BatchView, getBatch } from "./get-batch.ts";
import { advanceBatchOrders } from "./order-status-news.ts";

export interface BatchClosed {
  batch: BatchView;
  nextBatch: { id: number; number: number };
}

/**
 * Closes the open batch and opens the next in one transaction: its orders become placed (their customers are
 * told), and one sheet per provider with items plus a consolidated one are recorded with `enqueued_at` unset,
 * which is the job outbox the relay drains. A batch with no orders is not closed.
 */
export async function closeBatch(
  context: CoreContext,
  businessId: number,
  /** Phones that get the sheet links: the one that closed the batch in chat, or the entrepreneur's. */
  sheetRecipients: readonly string[],
): Promise<BatchClosed> {
  const now = context.now();
  const { closedId, nextBatch } = await context.db.transaction(async (tx) => {
    // Waits for confirmations in flight to commit, and keeps new ones out until this commits.
    const batch = await openBatchForClosing(tx, businessId);
    if (!batch) throw notFound("batch_not_found", "there is no open batch");

    const placed = await advanceBatchOrders(tx, {
      businessId,
      batchId: batch.id,
      batchNumber: batch.number,
      from: "received",
      to: "placed",
      now,
    });
    if (placed === 0) {
      throw conflict("batch_empty", `batch ${batch.number} has no orders to close`);
    }
    await tx
      .update(batches)
      .set({ status: "closed", closedAt: now, sheetRecipients: [...new Set(sheetRecipients)] })
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
    return { closedId: batch.id, nextBatch: next };
  });
  context.emit("notifications_queued");
  context.emit("sheets_queued");
  context.emit("batch_closed");
  return { batch: await getBatch(context, businessId, closedId), nextBatch };
}
