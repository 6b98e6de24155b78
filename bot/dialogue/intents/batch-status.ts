import { changeBatchStatus } from "../../../core/app/change-batch-status.ts";
import type { IntentHandler } from "../turn.ts";

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
  return [messages.batchStatusChanged(batch.number, batch.status, batch.customersNotified)];
};
