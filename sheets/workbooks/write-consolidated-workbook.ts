import type { Writable } from "node:stream";
import { openWorkbookWriter, zipCaughtUp } from "./open-workbook-writer.ts";
import { orderSheetName } from "./order-sheet-name.ts";
import { sheetLabels } from "./sheet-labels.ts";
import { SheetNameRegistry } from "./sheet-name-registry.ts";
import type { ConsolidatedSheetSource, WorkbookWritten } from "./sheet-source.ts";
import { writeLineSheet } from "./write-line-sheet.ts";

/**
 * Writes a batch's consolidated workbook to `output`: the `Resumo` sheet (per product and provider), then one
 * sheet per order named `#<number> <customer>`, every name valid and unique in Excel. Resolves once `output` has
 * finished; on failure `output` is destroyed with the error.
 */
export async function writeConsolidatedWorkbook(
  source: ConsolidatedSheetSource,
  output: Writable,
): Promise<WorkbookWritten> {
  const labels = sheetLabels(source.locale);
  const options = { locale: source.locale, labels, withProvider: true };
  const names = new SheetNameRegistry();
  const workbook = openWorkbookWriter(output);
  try {
    let rows = writeLineSheet(workbook, names.claim(labels.summarySheet), source.summary, options);
    for (const order of source.orders) {
      const name = names.claim(orderSheetName(order), `#${order.number}`);
      rows += writeLineSheet(workbook, name, order.lines, options);
      await zipCaughtUp(workbook);
    }
    await workbook.commit();
    return { sheets: 1 + source.orders.length, rows };
  } catch (error) {
    output.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
