import { getOpenBatch } from "../../../core/app/get-batch.ts";
import type { IntentHandler } from "../turn.ts";
import { batchFigures } from "./batch-figures.ts";

/** "resumo": the open batch so far. */
export const summary: IntentHandler = async (turn) => [
  turn.messages.batchSummary(batchFigures(await getOpenBatch(turn.input.context, turn.input.businessId))),
];
