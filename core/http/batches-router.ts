import { Router } from "express";
import { changeBatchStatus } from "../app/change-batch-status.ts";
import { closeBatch } from "../app/close-batch.ts";
import type { CoreContext } from "../app/context.ts";
import { conflict } from "../app/errors.ts";
import { getBatch, getOpenBatch, listBatches } from "../app/get-batch.ts";
import { type CloseSettings, getScheduledClose } from "../app/get-scheduled-close.ts";
import { listUnconfirmedLists } from "../app/list-unconfirmed-lists.ts";
import { retryFailedSheets } from "../app/retry-failed-sheets.ts";
import { sendFinalTotals } from "../app/send-final-totals.ts";
import { parseInput } from "../app/validation.ts";
import type { PixSettings } from "../domain/pix.ts";
import type { Identity } from "../identity/identity.ts";
import { requireEntrepreneur } from "./auth.ts";
import { batchStatusBody, idParam } from "./request-schemas.ts";
import { batchJson } from "./views.ts";

/** Most unconfirmed lists shown: more than a week's customers of a small business. */
export const UNCONFIRMED_LISTS_SHOWN = 200;

export function batchesRouter(
  context: CoreContext,
  businessId: number,
  identity: Identity,
  pix: PixSettings | null,
  closeSettings: CloseSettings,
  /** How long a drafted list waits for "sim" (PENDING_ORDER_TTL_MINUTES): older ones are not unconfirmed, gone. */
  pendingTtlMs: number,
): Router {
  const router = Router();
  router.use("/api/v1/batches", requireEntrepreneur);
  // "current" names the open batch, never an id: a method it does not take is a 405, not an invalid id.
  router.param("id", (_request, _response, next, id) => next(id === "current" ? "route" : undefined));

  router.get("/api/v1/batches", async (_request, response) => {
    const batches = await listBatches(context, businessId);
    response.json({ batches: batches.map(batchJson) });
  });

  router.get("/api/v1/batches/current", async (_request, response) => {
    response.json(batchJson(await getOpenBatch(context, businessId)));
  });

  // The lists customers drafted and did not confirm yet ("resumo"): they join the open batch on "sim".
  router.get("/api/v1/batches/current/unconfirmed", async (_request, response) => {
    const lists = await listUnconfirmedLists(context, businessId, pendingTtlMs, UNCONFIRMED_LISTS_SHOWN);
    response.json({ lists: lists.map((list) => ({ phone: list.phone, name: list.name, items: list.items })) });
  });

  router.get("/api/v1/batches/current/close-schedule", async (_request, response) => {
    const scheduled = await getScheduledClose(context, businessId, closeSettings);
    response.json({
      ...scheduled,
      nextCloseAt: scheduled.nextCloseAt?.toISOString() ?? null,
      reminderAt: scheduled.reminderAt?.toISOString() ?? null,
    });
  });

  router.post("/api/v1/batches/current/close", async (_request, response) => {
    const closed = await closeBatch(context, businessId, await identity.entrepreneurPhones(businessId));
    response.json({ batch: batchJson(closed.batch), nextBatch: closed.nextBatch });
  });

  router.get("/api/v1/batches/:id", async (request, response) => {
    const id = parseInput(idParam, request.params.id, () => "id");
    response.json(batchJson(await getBatch(context, businessId, id)));
  });

  router.post("/api/v1/batches/:id/sheets/retry", async (request, response) => {
    const id = parseInput(idParam, request.params.id, () => "id");
    const retried = await retryFailedSheets(context, businessId, id);
    if (!retried) throw conflict("nothing_to_retry", "the batch has no failed sheets");
    response.json(batchJson(await getBatch(context, businessId, id)));
  });

  router.patch("/api/v1/batches/:id", async (request, response) => {
    const id = parseInput(idParam, request.params.id, () => "id");
    const body = parseInput(batchStatusBody, request.body);
    const changed = await changeBatchStatus(context, { businessId, batch: { id }, status: body.status });
    // Arrived: weighed and packed, so each customer learns its final total, as in chat.
    if (changed.status === "arrived") await sendFinalTotals(context, { businessId, target: { batchId: id }, pix });
    response.json(batchJson(changed));
  });

  return router;
}
