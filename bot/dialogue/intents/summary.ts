import { getOpenBatch } from "../../../core/app/get-batch.ts";
import { listUnconfirmedLists } from "../../../core/app/list-unconfirmed-lists.ts";
import type { IntentHandler } from "../turn.ts";
import { batchFigures } from "./batch-figures.ts";

/** "resumo": the open batch so far, and the lists customers drafted but did not confirm. */
export const summary: IntentHandler = async (turn) => {
  const { context, businessId, pendingTtlMs } = turn.input;
  const [batch, unconfirmed] = await Promise.all([
    getOpenBatch(context, businessId),
    listUnconfirmedLists(context, businessId, pendingTtlMs),
  ]);
  return [`${turn.messages.batchSummary(batchFigures(batch))}\n\n${turn.messages.unconfirmedLists(unconfirmed)}`];
};
