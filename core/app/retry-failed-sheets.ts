import { and, desc, eq, sql } from "drizzle-orm";
import { batches, sheets } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";
import { notFound } from "./errors.ts";

/**
 * Puts the failed sheets of a batch (by default the latest one that has any) back in the job outbox, with their
 * attempts reset. Returns what was retried, or null when nothing had failed.
 */
export async function retryFailedSheets(
  context: CoreContext,
  businessId: number,
  batchId?: number,
): Promise<{ batchId: number; batchNumber: number; count: number } | null> {
  const retried = await context.db.transaction(async (tx) => {
    if (batchId !== undefined) {
      const [batch] = await tx
        .select({ id: batches.id })
        .from(batches)
        .where(and(eq(batches.businessId, businessId), eq(batches.id, batchId)));
      if (!batch) throw notFound("batch_not_found", "batch not found");
    }
    const [target] = await tx
      .select({ batchId: sheets.batchId, batchNumber: batches.number })
      .from(sheets)
      .innerJoin(batches, eq(batches.id, sheets.batchId))
      .where(
        and(
          eq(sheets.businessId, businessId),
          eq(sheets.status, "failed"),
          batchId === undefined ? undefined : eq(sheets.batchId, batchId),
        ),
      )
      .orderBy(desc(batches.number))
      .limit(1);
    if (!target) return null;
    const reset = await tx
      .update(sheets)
      .set({ status: "pending", attempts: 0, error: null, enqueuedAt: null, generation: sql`${sheets.generation} + 1` })
      .where(and(eq(sheets.batchId, target.batchId), eq(sheets.status, "failed")))
      .returning({ id: sheets.id });
    return { ...target, count: reset.length };
  });
  if (retried) context.emit("sheets_queued");
  return retried;
}
