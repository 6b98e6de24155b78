import { closeOpenBatch } from "./close-open-batch.ts";
import type { CoreContext } from "./context.ts";
import { conflict, notFound } from "./errors.ts";
import { type BatchView, getBatch } from "./get-batch.ts";

export interface BatchClosed {
  batch: BatchView;
  nextBatch: { id: number; number: number };
}

/** Closes the open batch and opens the next in one transaction (closeOpenBatch). A batch with no orders is not closed. */
export async function closeBatch(
  context: CoreContext,
  businessId: number,
  /** Phones that get the sheet links: the one that closed the batch in chat, or the entrepreneur's. */
  sheetRecipients: readonly string[],
): Promise<BatchClosed> {
  const now = context.now();
  const closing = await context.db.transaction((tx) => closeOpenBatch(tx, { businessId, sheetRecipients, now }));
  if (closing.kind === "no_open_batch") throw notFound("batch_not_found", "there is no open batch");
  if (closing.kind !== "closed") {
    throw conflict("batch_empty", `batch ${closing.batchNumber} has no orders to close`);
  }
  context.emit("notifications_queued");
  context.emit("sheets_queued");
  context.emit("batch_closed");
  return { batch: await getBatch(context, businessId, closing.closedId), nextBatch: closing.nextBatch };
}
