import { compareCatalog } from "../../../core/app/compare-catalog.ts";
import { AppError } from "../../../core/app/errors.ts";
import { parseCatalogFile } from "../../../core/app/read-catalog-file.ts";
import { readDeliveredWorkbook } from "../../../core/app/read-delivered-workbook.ts";
import type { InboundDocument } from "../../transports/transport.ts";
import { catalogFileProblem } from "../catalog-file-problem.ts";
import { PENDING_CATALOG_LIMIT } from "../conversation.ts";
import { changesAnything } from "../messages/format-catalog-changes.ts";
import type { Messages } from "../messages/messages.ts";
import type { ConverseInput } from "../turn.ts";

/**
 * A document from the entrepreneur: the packing workbook sent back (it has a `Pedidos` sheet) or a catalog
 * spreadsheet in the import columns. Either is read, shown as what it would change and kept waiting for "sim" in the
 * conversation as data (the bytes are dropped here); a file that is neither is refused, naming why. Nothing changes.
 */
export async function receiveDocument(
  input: ConverseInput,
  document: InboundDocument,
  messages: Messages,
): Promise<string[]> {
  const { conversation } = input;
  const at = input.context.now().toISOString();
  if (document.filename.toLowerCase().endsWith(".xlsx")) {
    const reading = await readDeliveredWorkbook(input.context, {
      businessId: input.businessId,
      file: Buffer.from(document.bytes),
    });
    // Not a packing workbook: read as a catalog below.
    const packing = !(reading.kind === "unreadable" && ["not_a_workbook", "no_orders_sheet"].includes(reading.reason));
    if (packing) {
      if (reading.kind === "unreadable" || reading.kind === "other_batch") return [messages.workbookRefused(reading)];
      if (reading.kind === "problems") {
        return [
          messages.deliveredPreview({
            batchNumber: 0,
            orders: [],
            problems: reading.problems.map((problem) => ({
              row: problem.row,
              orderNumber: problem.orderNumber,
              kind: problem.kind,
            })),
          }),
        ];
      }
      conversation.pending = {
        kind: "delivered",
        batchId: reading.batchId,
        batchNumber: reading.batchNumber,
        orders: reading.orders.map((order) => ({
          orderId: order.orderId,
          items: order.lines.map((line) => ({ product: line.sku, quantityMilli: line.deliveredMilli })),
        })),
        at,
      };
      return [
        messages.deliveredPreview({
          batchNumber: reading.batchNumber,
          orders: reading.orders.map((order) => ({
            orderNumber: order.orderNumber,
            changed: order.changed.length,
            finalTotalCents: order.finalTotalCents,
          })),
          problems: [],
        }),
      ];
    }
  }
  let catalog: Awaited<ReturnType<typeof parseCatalogFile>>;
  try {
    catalog = await parseCatalogFile(document.filename, document.bytes);
  } catch (error) {
    if (error instanceof AppError)
      return [messages.catalogRefused(document.filename, catalogFileProblem(error.failure))];
    throw error;
  }
  if (catalog.products.length > PENDING_CATALOG_LIMIT)
    return [messages.catalogTooLargeForChat(catalog.products.length)];
  const changes = await compareCatalog(input.context, input.businessId, catalog, "merge");
  if (!changesAnything(changes) && changes.missing.length === 0) return [messages.catalogUnchanged()];
  conversation.pending = { kind: "catalog", catalog, at };
  return [messages.catalogPreview(changes)];
}
