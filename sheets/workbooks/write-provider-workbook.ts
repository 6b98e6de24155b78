import type { Writable } from "node:stream";
import { MILLI_PER_UNIT } from "../../core/domain/quantity.ts";
import { unitLabel } from "../../core/domain/units.ts";
import { cellStyles, wrapped } from "./cell-styles.ts";
import { openWorkbookWriter } from "./open-workbook-writer.ts";
import { plainText } from "./plain-text.ts";
import { SheetBuilder, TITLE_ROWS } from "./sheet-builder.ts";
import { sheetLabels } from "./sheet-labels.ts";
import type { ProviderLine, ProviderSheetSource, WorkbookWritten } from "./sheet-source.ts";
import {
  columnWidths,
  fillColumnHeaders,
  fillTableRow,
  LONGEST_UNWRAPPED,
  reais,
  type SheetColumn,
} from "./sheet-table.ts";
import { moneyShownLength, quantityShownLength } from "./shown-length.ts";
import { sortedByName } from "./sorted-by-name.ts";

/**
 * Writes a provider's workbook to `output`: sheet `Pedido` titled with the business, the provider, the batch and
 * its closing date, then one row per product with the catalog's cost (empty where none is given), then Total.
 * Resolves once `output` has finished; on failure `output` is destroyed with the error.
 */
export async function writeProviderWorkbook(source: ProviderSheetSource, output: Writable): Promise<WorkbookWritten> {
  const { locale } = source;
  const labels = sheetLabels(locale);
  const styles = cellStyles(locale);
  // The title block, the column headers, a row per product and the Total.
  const workbook = openWorkbookWriter(output, TITLE_ROWS + 2 + source.lines.length);
  try {
    const columns: SheetColumn<ProviderLine>[] = [
      {
        label: labels.product,
        value: (line) => plainText(line.productName),
        style: (line) => (line.productName.length > LONGEST_UNWRAPPED ? wrapped(styles.text) : styles.text),
        shownLength: (line) => line.productName.length,
      },
      {
        label: labels.unit,
        value: (line) => unitLabel(line.unit, locale),
        style: () => styles.text,
        shownLength: (line) => unitLabel(line.unit, locale).length,
      },
      {
        label: labels.quantity,
        numeric: true,
        value: (line) => line.quantityMilli / MILLI_PER_UNIT,
        style: (line) => styles.quantity(line.quantityMilli),
        shownLength: (line) => quantityShownLength(line.quantityMilli),
      },
      {
        label: labels.unitCost,
        numeric: true,
        value: (line) => reais(line.unitCostCents),
        style: () => styles.money,
        shownLength: (line) => (line.unitCostCents === null ? 0 : moneyShownLength(line.unitCostCents)),
      },
      {
        label: labels.total,
        numeric: true,
        value: (line) => reais(line.totalCostCents),
        style: () => styles.money,
        shownLength: (line) => (line.totalCostCents === null ? 0 : moneyShownLength(line.totalCostCents)),
      },
    ];
    const lines = sortedByName(source.lines, (line) => line.productName);
    // Costs the catalog leaves out are not zero: the Total adds the given ones and is empty when none is given.
    const given = lines.filter((line) => line.totalCostCents !== null);
    const totalCents = given.length === 0 ? null : given.reduce((sum, line) => sum + (line.totalCostCents ?? 0), 0);
    const widths = columnWidths(columns, lines);
    const totalColumn = columns.length;
    widths[totalColumn - 1] = Math.max(
      widths[totalColumn - 1] ?? 0,
      (totalCents === null ? 0 : moneyShownLength(totalCents)) + 2,
    );

    const header = TITLE_ROWS + 1;
    const sheet = new SheetBuilder(workbook, labels.order, { widths, headerRows: [header, header] });
    sheet.writeTitle(source.title, source.providerName, labels, styles, locale);
    fillColumnHeaders(sheet.row(), columns, styles).commit();
    for (const line of lines) {
      const row = fillTableRow(sheet.row(), columns, line);
      const wraps = line.productName.length > LONGEST_UNWRAPPED;
      row.commit(wraps ? sheet.wrappedHeight(line.productName.length, widths[0] ?? 0) : undefined);
    }
    // Quantities of different units do not add up, so the Total row carries money only.
    const totalRow = sheet.row();
    totalRow.set(1, labels.totalRow, styles.bold);
    totalRow.set(totalColumn, reais(totalCents), styles.totalMoney);
    totalRow.commit();
    const rows = sheet.rows;
    sheet.finish();
    await workbook.commit();
    return { sheets: 1, rows };
  } catch (error) {
    output.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
