import path from "node:path";
import { listBatchSheets } from "../../../core/app/list-batch-sheets.ts";
import { sendSheetsToProviders } from "../../../core/app/send-sheets-to-providers.ts";
import type { IntentHandler } from "../turn.ts";

/** "enviar aos fornecedores", "mandar planilhas para os fornecedores", "send to providers". */
const SEND =
  /^\s*(?:enviar|envia|mandar|manda)\s+(?:as\s+)?(?:planilhas\s+)?(?:aos|para\s+os|pros|pra\s+os)\s+fornecedores\s*[.!]*\s*$|^\s*send\s+(?:the\s+)?(?:sheets\s+)?to\s+(?:the\s+)?(?:providers|suppliers)\s*[.!]*\s*$/i;

export function isSendToProvidersCommand(text: string): boolean {
  return SEND.test(text);
}

/**
 * Each provider of the last closed batch that has a phone gets its own sheet as a document, once per sheet
 * generation; the entrepreneur gets a line per provider: sent, or why not.
 */
export const sendToProviders: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const batch = await listBatchSheets(input.context, input.businessId);
  if (!batch) return [messages.noClosedBatch()];
  const link = input.sheetLink;
  const lines = await sendSheetsToProviders(input.context, {
    businessId: input.businessId,
    businessName: input.businessName,
    batchNumber: batch.batchNumber,
    // Without a file store in this process, sheets count as not ready: nothing is sent with a stale link.
    sheets: link ? batch.sheets : batch.sheets.map((sheet) => ({ ...sheet, status: "pending" })),
    linkFor: async (sheet) => {
      const filename = path.posix.basename(sheet.storageKey);
      return { url: link ? await link(sheet.storageKey, filename) : "", filename };
    },
  });
  return [messages.providerDeliveries(batch.batchNumber, lines)];
};
