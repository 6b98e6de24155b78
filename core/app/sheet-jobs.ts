import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { sheets } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

/** What a queue needs to run one sheet job: the generation makes a retried sheet a new job. */
export interface SheetJob {
  sheetId: number;
  batchId: number;
  generation: number;
}

/** The job id in any queue: derived from the sheet, so enqueuing the same job twice is a no-op. */
export function sheetJobId(job: SheetJob): string {
  return `batch-${job.batchId}-sheet-${job.sheetId}-gen-${job.generation}`;
}

/**
 * The job outbox: sheets recorded by a close (or a retry) that no queue has received yet, oldest first and a
 * close's packing workbook before its provider sheets, locked against other relays until the caller's transaction
 * ends.
 */
export async function takeSheetsToEnqueue(
  context: CoreContext,
  limit: number,
  enqueue: (jobs: SheetJob[]) => Promise<void>,
): Promise<number> {
  return context.db.transaction(async (tx) => {
    const jobs = await tx
      .select({ sheetId: sheets.id, batchId: sheets.batchId, generation: sheets.generation })
      .from(sheets)
      .where(and(isNull(sheets.enqueuedAt), eq(sheets.status, "pending")))
      // A close's packing workbook first: it takes longest, and started first it is written while the provider
      // sheets go through the other worker slots beside it, instead of alone after all of them.
      .orderBy(asc(sheets.createdAt), sql`${sheets.providerId} is null desc`, asc(sheets.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (jobs.length === 0) return 0;
    // Enqueue first, then record it: a crash in between enqueues again, which the job id makes harmless.
    await enqueue(jobs);
    await tx
      .update(sheets)
      .set({ enqueuedAt: context.now() })
      .where(
        inArray(
          sheets.id,
          jobs.map((job) => job.sheetId),
        ),
      );
    return jobs.length;
  });
}

/**
 * A worker starts on a sheet. Returns false when the job is stale (the sheet was retried since, or is already
 * done), so the worker drops it.
 */
export async function startSheetJob(context: CoreContext, job: SheetJob): Promise<boolean> {
  const started = await context.db
    .update(sheets)
    .set({ status: "running", attempts: sql`${sheets.attempts} + 1` })
    .where(
      and(
        eq(sheets.id, job.sheetId),
        eq(sheets.generation, job.generation),
        inArray(sheets.status, ["pending", "running"]),
      ),
    )
    .returning({ id: sheets.id });
  return started.length > 0;
}

/**
 * Jobs an in-process runner held when its process stopped are gone with it: this puts every unfinished sheet back
 * in the job outbox, at start-up. (Several in-process workers on one database may then make a sheet twice; the
 * fixed key and the keyed link message keep that harmless. BullMQ keeps its jobs in Redis and needs none of this.)
 */
export async function requeueUnfinishedSheets(context: CoreContext): Promise<number> {
  const requeued = await context.db
    .update(sheets)
    .set({ status: "pending", enqueuedAt: null })
    .where(and(inArray(sheets.status, ["pending", "running"]), isNotNull(sheets.enqueuedAt)))
    .returning({ id: sheets.id });
  return requeued.length;
}
