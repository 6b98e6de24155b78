import type { Writable } from "node:stream";
import { cellStyles } from "./cell-styles.ts";
import { openWorkbookWriter } from "./open-workbook-writer.ts";
import { sheetLabels } from "./sheet-labels.ts";
import type { PackingSheetSource, WorkbookWritten } from "./sheet-source.ts";
import { writeMapSheet } from "./write-map-sheet.ts";
import { writeOrdersSheets } from "./write-orders-sheet.ts";
import { writeSummarySheet } from "./write-summary-sheet.ts";

/**
 * Writes a batch's packing workbook to `output`: `Resumo` (per product, with cost), `Mapa` (orders × products, for
 * sorting the goods) and `Pedidos` (one printed page per order). Resolves once `output` has finished; on failure
 * `output` is destroyed with the error.
 */
export async function writePackingWorkbook(source: PackingSheetSource, output: Writable): Promise<WorkbookWritten> {
  const labels = sheetLabels(source.locale);
  const styles = cellStyles(source.locale);
  // About the rows its sheets will have: Resumo one per product, Mapa one per order, Pedidos one per item and a
  // few more per order (its heading, delivery, providers, total).
  const expectedRows = source.orders.reduce((sum, order) => sum + 5 + order.lines.length, source.summary.length);
  const workbook = openWorkbookWriter(output, expectedRows);
  try {
    let rows = writeSummarySheet(workbook, source, labels, styles);
    rows += await writeMapSheet(workbook, source, labels, styles);
    const orders = await writeOrdersSheets(workbook, source, labels, styles);
    rows += orders.rows;
    await workbook.commit();
    return { sheets: 2 + orders.sheets, rows };
  } catch (error) {
    output.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
