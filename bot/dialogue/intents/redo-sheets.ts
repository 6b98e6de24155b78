import { retryFailedSheets } from "../../../core/app/retry-failed-sheets.ts";
import type { IntentHandler } from "../turn.ts";

/** "refazer planilhas": the sheets of the last batch that failed are queued again. */
export const redoSheets: IntentHandler = async (turn) => {
  const retried = await retryFailedSheets(turn.input.context, turn.input.businessId);
  return [retried ? turn.messages.sheetsRetried(retried.batchNumber, retried.count) : turn.messages.nothingToRetry()];
};
