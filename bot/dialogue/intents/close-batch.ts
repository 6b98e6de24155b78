import { closeBatch as closeOpenBatch } from "../../../core/app/close-batch.ts";
import type { IntentHandler } from "../turn.ts";
import { batchFigures } from "./batch-figures.ts";

/** "fechar lote", "encerra os pedidos": closes the open batch; the sheet links follow as they are ready. */
export const closeBatch: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const closed = await closeOpenBatch(input.context, input.businessId, [input.phone]);
  return [messages.batchClosed(batchFigures(closed.batch), closed.batch.sheets.length)];
};
