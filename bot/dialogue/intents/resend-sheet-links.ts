import path from "node:path";
import { listBatchSheets } from "../../../core/app/list-batch-sheets.ts";
import type { IntentHandler } from "../turn.ts";

/** "planilhas lote 3", "planilhas do lote 3", "sheets batch 3". */
const SHEETS = /^\s*(?:planilhas?|sheets?)\s+(?:d[oa]\s+|of\s+)?(?:lote|batch)\s+#?(\d{1,9})\s*[.!?]*\s*$/i;

export function isSheetLinksCommand(text: string): boolean {
  return SHEETS.test(text);
}

/**
 * That batch's ready sheets, each with a fresh link (the links sent at close expire): from the file store when this
 * process has one, else none is made up and the entrepreneur is told there is nothing to send.
 */
export const resendSheetLinks: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const batchNumber = Number(SHEETS.exec(turn.text)?.[1]);
  const batch = await listBatchSheets(input.context, input.businessId, batchNumber);
  if (!batch) return [messages.batchNotFound(batchNumber)];
  const link = input.sheetLink;
  const ready = batch.sheets.filter((sheet) => sheet.status === "ready");
  if (!link || ready.length === 0) return [messages.noSheetLinks(batchNumber)];
  const sheets = await Promise.all(
    ready.map(async (sheet) => ({
      providerName: sheet.providerName,
      url: await link(sheet.storageKey, path.posix.basename(sheet.storageKey)),
    })),
  );
  return [messages.sheetLinks(batchNumber, sheets)];
};
