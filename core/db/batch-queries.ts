import { and, eq } from "drizzle-orm";
import type { Executor } from "./database.ts";
import { batches } from "./schema.ts";

/**
 * The business's open batch, share-locked for the rest of the transaction so that closing it waits for orders
 * being confirmed into it. When a close commits while we wait, the row no longer matches; the next statement
 * sees the batch that the close opened, hence the second look.
 */
export async function lockOpenBatchForOrdering(
  tx: Executor,
  businessId: number,
): Promise<{ id: number; number: number }> {
  for (let look = 0; look < 3; look++) {
    const [batch] = await tx
      .select({ id: batches.id, number: batches.number })
      .from(batches)
      .where(and(eq(batches.businessId, businessId), eq(batches.status, "open")))
      .for("share");
    if (batch) return batch;
  }
  throw new Error(`business ${businessId} has no open batch`);
}
