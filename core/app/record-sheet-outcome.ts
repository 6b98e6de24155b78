import { and, eq } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { type NotificationPayload, queueNotifications } from "../db/notification-queries.ts";
import { batches, providers, sheets } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";
import type { SheetJob } from "./sheet-jobs.ts";

/**
 * A sheet is stored: record its link and tell the batch's recipients, each message once (keyed by the sheet and
 * its generation), and, when it was the batch's last sheet, say they are all done. With `sendToProviderAs`
 * (SEND_TO_PROVIDERS), a provider's sheet also goes to the provider's phone, under the key "enviar aos fornecedores"
 * uses, so it is never sent twice. A stale job changes nothing.
 */
export async function recordSheetReady(
  context: CoreContext,
  input: SheetJob & { url: string; filename: string; sendToProviderAs?: string | undefined },
): Promise<void> {
  await context.db.transaction(async (tx) => {
    const now = context.now();
    const updated = await tx
      .update(sheets)
      .set({ status: "ready", url: input.url, readyAt: now, error: null })
      .where(and(eq(sheets.id, input.sheetId), eq(sheets.generation, input.generation), eq(sheets.status, "running")))
      .returning({ id: sheets.id });
    if (updated.length === 0) return;
    const batch = await batchOf(tx, input.sheetId);
    await tell(tx, batch, `sheet:${input.sheetId}:${input.generation}:ready`, {
      kind: "sheet_ready",
      batchNumber: batch.number,
      sheetId: input.sheetId,
      filename: input.filename,
      url: input.url,
      providerName: batch.providerName,
    });
    if (input.sendToProviderAs && batch.providerPhone && batch.providerName) {
      await queueNotifications(tx, [
        {
          businessId: batch.businessId,
          phone: batch.providerPhone,
          payload: {
            kind: "provider_sheet",
            businessName: input.sendToProviderAs,
            providerName: batch.providerName,
            batchNumber: batch.number,
            url: input.url,
            filename: input.filename,
          },
          dedupeKey: `provider-sheet:${input.sheetId}:${input.generation}`,
        },
      ]);
    }
    await tellWhenAllDone(tx, batch);
  });
  context.emit("notifications_queued");
}

/**
 * A sheet job failed. While tries remain, the sheet just records the error; after the last one it is failed,
 * and the recipients are told why (and that "refazer planilhas" tries again).
 */
export async function recordSheetFailure(
  context: CoreContext,
  input: SheetJob & { error: string; final: boolean },
): Promise<void> {
  const error = input.error.slice(0, 500);
  await context.db.transaction(async (tx) => {
    const updated = await tx
      .update(sheets)
      .set(input.final ? { status: "failed", error } : { error })
      .where(and(eq(sheets.id, input.sheetId), eq(sheets.generation, input.generation), eq(sheets.status, "running")))
      .returning({ id: sheets.id });
    if (updated.length === 0 || !input.final) return;
    const batch = await batchOf(tx, input.sheetId);
    await tell(tx, batch, `sheet:${input.sheetId}:${input.generation}:failed`, {
      kind: "sheet_failed",
      batchNumber: batch.number,
      sheetId: input.sheetId,
      providerName: batch.providerName,
      error,
    });
    await tellWhenAllDone(tx, batch);
  });
  if (input.final) context.emit("notifications_queued");
}

interface SheetBatch {
  businessId: number;
  batchId: number;
  number: number;
  recipients: string[];
  providerName: string | null;
  providerPhone: string | null;
}

async function batchOf(tx: Executor, sheetId: number): Promise<SheetBatch> {
  const [row] = await tx
    .select({
      businessId: batches.businessId,
      batchId: batches.id,
      number: batches.number,
      recipients: batches.sheetRecipients,
      providerName: providers.name,
      providerPhone: providers.phone,
    })
    .from(sheets)
    .innerJoin(batches, eq(batches.id, sheets.batchId))
    .leftJoin(providers, eq(providers.id, sheets.providerId))
    .where(eq(sheets.id, sheetId));
  if (!row) throw new Error(`sheet ${sheetId} has no batch`);
  return row;
}

async function tell(tx: Executor, batch: SheetBatch, key: string, payload: NotificationPayload): Promise<void> {
  await queueNotifications(
    tx,
    batch.recipients.map((phone) => ({ businessId: batch.businessId, phone, payload, dedupeKey: `${key}:${phone}` })),
  );
}

async function tellWhenAllDone(tx: Executor, batch: SheetBatch): Promise<void> {
  // Serializes the last two sheets finishing at once, so exactly one of them sees the batch complete.
  await tx.select({ id: batches.id }).from(batches).where(eq(batches.id, batch.batchId)).for("update");
  const statuses = await tx
    .select({ status: sheets.status, generation: sheets.generation })
    .from(sheets)
    .where(eq(sheets.batchId, batch.batchId));
  if (statuses.some((row) => row.status !== "ready" && row.status !== "failed")) return;
  const ready = statuses.filter((row) => row.status === "ready").length;
  const failed = statuses.length - ready;
  // A retry that ends with the same counts is a new round: the newest generation keys it.
  const round = Math.max(...statuses.map((row) => row.generation));
  await tell(tx, batch, `batch:${batch.batchId}:sheets-done:${round}:${ready}:${failed}`, {
    kind: "sheets_done",
    batchNumber: batch.number,
    ready,
    failed,
  });
}
