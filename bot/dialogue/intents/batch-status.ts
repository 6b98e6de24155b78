import { changeBatchStatus } from "../../../core/app/change-batch-status.ts";
import type { IntentHandler } from "../turn.ts";
import { finalTotals } from "./final-totals.ts";

/** "lote a caminho", "mercadoria chegou", "lote entregue": the last closed batch moves on, its customers are told. */
export const batchStatus: IntentHandler = async (turn) => {
  const { input, messages, understanding } = turn;
  const target = understanding.status;
  if (target !== "on_the_way" && target !== "arrived" && target !== "delivered")
    return [messages.help({ entrepreneur: true })];
  const batch = await changeBatchStatus(input.context, {
    businessId: input.businessId,
    batch: "last_closed",
    status: target,
  });
  const changed = messages.batchStatusChanged(batch.number, batch.status, batch.customersNotified);
  // The batch arrived: weighed and packed, so each customer learns its final total.
  return target === "arrived" ? [changed, ...(await finalTotals(turn, "last_closed_batch"))] : [changed];
};
