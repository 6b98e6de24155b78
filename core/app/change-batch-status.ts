import { and, desc, eq, inArray } from "drizzle-orm";
import { batches } from "../db/schema.ts";
import { type BatchStatus, canChangeBatchStatus, type OrderStatus, orderStatusBefore } from "../domain/lifecycle.ts";
import type { CoreContext } from "./context.ts";
import { conflict, notFound } from "./errors.ts";
import { type BatchView, getBatch } from "./get-batch.ts";
import { advanceBatchOrders } from "./order-status-news.ts";

export interface ChangeBatchStatusInput {
  businessId: number;
  /** A batch id, or the most recently closed batch (what "lote chegou" in chat means). */
  batch: { id: number } | "last_closed";
  status: BatchStatus;
}

const TIMESTAMP_COLUMN = {
  on_the_way: "onTheWayAt",
  arrived: "arrivedAt",
  delivered: "deliveredAt",
} as const;

/**
 * Moves a closed batch along (on the way, arrived, delivered) with the orders that were one step behind, and tells
 * each of their customers, in one transaction. Closing is its own use case.
 */
export async function changeBatchStatus(
  context: CoreContext,
  input: ChangeBatchStatusInput,
): Promise<BatchView & { customersNotified: number }> {
  const now = context.now();
  const { batchId, moved } = await context.db.transaction(async (tx) => {
    const [batch] = await tx
      .select({ id: batches.id, number: batches.number, status: batches.status })
      .from(batches)
      .where(
        and(
          eq(batches.businessId, input.businessId),
          input.batch === "last_closed"
            ? inArray(batches.status, ["closed", "on_the_way", "arrived", "delivered"])
            : eq(batches.id, input.batch.id),
        ),
      )
      .orderBy(desc(batches.number))
      .limit(1)
      .for("update");
    if (!batch)
      throw notFound("batch_not_found", input.batch === "last_closed" ? "no batch was closed yet" : "batch not found");
    const from = batch.status as BatchStatus;
    if (input.status === "closed") throw conflict("closed_by_close", "a batch is closed with the close command");
    if (!canChangeBatchStatus(from, input.status)) {
      throw conflict("invalid_transition", `batch ${batch.number} is ${from} and cannot become ${input.status}`, {
        entity: "batch",
        number: batch.number,
        from,
        to: input.status,
      });
    }
    const column = TIMESTAMP_COLUMN[input.status as keyof typeof TIMESTAMP_COLUMN];
    await tx
      .update(batches)
      .set({ status: input.status, ...(column ? { [column]: now } : {}) })
      .where(eq(batches.id, batch.id));

    const orderStatus = input.status as OrderStatus;
    const previous = orderStatusBefore(orderStatus);
    let moved = 0;
    if (previous) {
      // One order per customer per batch: the orders moved are the customers told.
      moved = await advanceBatchOrders(tx, {
        businessId: input.businessId,
        batchId: batch.id,
        batchNumber: batch.number,
        from: previous,
        to: orderStatus,
        now,
      });
    }
    return { batchId: batch.id, moved };
  });
  context.emit("notifications_queued");
  return { ...(await getBatch(context, input.businessId, batchId)), customersNotified: moved };
}
