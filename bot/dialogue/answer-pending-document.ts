import type { CatalogInput } from "../../core/app/catalog-input.ts";
import { AppError } from "../../core/app/errors.ts";
import { importCatalog } from "../../core/app/import-catalog.ts";
import { recordDeliveredQuantities } from "../../core/app/record-delivered-quantities.ts";
import type { Turn } from "./turn.ts";

const REPLACE = /^\s*(substituir|substitui|substitua|replace)\s*[.!]*\s*$/i;
const NO = /^\s*(n[aã]o|no|descartar|descarta|cancelar|cancela|deixa|esquece)\s*[.!]*\s*$/i;

/**
 * Answers to a document waiting for "sim": "sim" applies it (a catalog merged, a packing workbook recorded),
 * "substituir" applies a catalog and deactivates what the file lacks, "não" drops it. Anything else leaves it
 * waiting (the entrepreneur may ask something else first) and is read as usual: null.
 */
export async function answerPendingDocument(turn: Turn): Promise<string[] | null> {
  const { input, messages, text, understanding } = turn;
  const { conversation } = input;
  const pending = conversation.pending;
  if (pending?.kind !== "catalog" && pending?.kind !== "delivered") return null;
  if (NO.test(text)) {
    delete conversation.pending;
    return [messages.documentDropped()];
  }
  const replace = REPLACE.test(text);
  if (!replace && understanding.intent !== "confirm") return null;
  if (pending.kind === "catalog") {
    // Stored by receiveDocument from parseCatalogFile's answer: already validated, prices in cents.
    const catalog = pending.catalog as unknown as CatalogInput;
    const imported = await importCatalog(input.context, input.businessId, catalog, replace ? "replace" : "merge");
    delete conversation.pending;
    input.context.emit("catalog_changed");
    return [messages.catalogImported(imported.changes, imported.deactivated)];
  }
  if (replace) return [messages.nothingToReplace()];
  try {
    await recordDeliveredQuantities(input.context, {
      businessId: input.businessId,
      batchId: pending.batchId,
      orders: pending.orders.map((order) => ({
        order: { id: order.orderId },
        items: order.items,
      })),
    });
  } catch (error) {
    // Something changed since it was read (an order paid meanwhile): nothing is recorded, it is read again.
    if (!(error instanceof AppError)) throw error;
    delete conversation.pending;
    return [messages.deliveredStale()];
  }
  delete conversation.pending;
  return [messages.workbookRecorded(pending.batchNumber, pending.orders.length)];
}
