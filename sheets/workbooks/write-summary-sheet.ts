import type { Workbook } from "exceljs";
import { MILLI_PER_UNIT } from "../../core/domain/quantity.ts";
import { unitLabel } from "../../core/domain/units.ts";
import { type CellStyles, wrapped } from "./cell-styles.ts";
import { plainText } from "./plain-text.ts";
import { SheetBuilder, TITLE_ROWS } from "./sheet-builder.ts";
import type { SheetLabels } from "./sheet-labels.ts";
import type { PackingSheetSource, SummaryLine } from "./sheet-source.ts";
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
 * `Resumo`: one row per product of the batch, by provider then name, with what the customers pay and what the
 * provider charges (`Custo`, the cost of the whole quantity, empty where the catalog gives none), then Total.
 * Returns the rows written.
 */
export function writeSummarySheet(
  workbook: Workbook,
  source: PackingSheetSource,
  labels: SheetLabels,
  styles: CellStyles,
): number {
  const { locale } = source;
  const textStyle = (text: string) => (text.length > LONGEST_UNWRAPPED ? wrapped(styles.text) : styles.text);
  const columns: SheetColumn<SummaryLine>[] = [
    {
      label: labels.product,
      value: (line) => plainText(line.productName),
      style: (line) => textStyle(line.productName),
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
      label: labels.unitPrice,
      numeric: true,
      value: (line) => reais(line.unitPriceCents),
      style: () => styles.money,
      shownLength: (line) => moneyShownLength(line.unitPriceCents),
    },
    {
      label: labels.total,
      numeric: true,
      value: (line) => reais(line.totalCents),
      style: () => styles.money,
      shownLength: (line) => moneyShownLength(line.totalCents),
    },
    {
      label: labels.provider,
      value: (line) => plainText(line.providerName),
      style: (line) => textStyle(line.providerName),
      shownLength: (line) => line.providerName.length,
    },
    {
      label: labels.cost,
      numeric: true,
      value: (line) => reais(line.totalCostCents),
      style: () => styles.money,
      shownLength: (line) => (line.totalCostCents === null ? 0 : moneyShownLength(line.totalCostCents)),
    },
  ];
  const lines = sortedByName(
    source.summary,
    (line) => line.providerName,
    (line) => line.productName,
  );
  let totalCents = 0;
  let costCents: number | null = null;
  for (const line of lines) {
    totalCents += line.totalCents;
    if (line.totalCostCents !== null) costCents = (costCents ?? 0) + line.totalCostCents;
  }
  const widths = columnWidths(columns, lines);
  const PRODUCT = 1;
  const TOTAL = 5;
  const PROVIDER = 6;
  const COST = 7;
  widths[TOTAL - 1] = Math.max(widths[TOTAL - 1] ?? 0, moneyShownLength(totalCents) + 2);
  if (costCents !== null) widths[COST - 1] = Math.max(widths[COST - 1] ?? 0, moneyShownLength(costCents) + 2);

  const header = TITLE_ROWS + 1;
  const sheet = new SheetBuilder(workbook, labels.summarySheet, { widths, headerRows: [header, header] });
  sheet.writeTitle(source.title, labels.summarySubject, labels, styles, locale);
  fillColumnHeaders(sheet.row(), columns, styles).commit();
  for (const line of lines) {
    const wraps = line.productName.length > LONGEST_UNWRAPPED || line.providerName.length > LONGEST_UNWRAPPED;
    const height = wraps
      ? Math.max(
          sheet.wrappedHeight(line.productName.length, widths[PRODUCT - 1] ?? 0),
          sheet.wrappedHeight(line.providerName.length, widths[PROVIDER - 1] ?? 0),
        )
      : undefined;
    fillTableRow(sheet.row(), columns, line).commit(height);
  }
  const totalRow = sheet.row();
  totalRow.set(1, labels.totalRow, styles.bold);
  totalRow.set(TOTAL, reais(totalCents), styles.totalMoney);
  totalRow.set(COST, reais(costCents), styles.totalMoney);
  totalRow.commit();
  const rows = sheet.rows;
  sheet.finish();
  return rows;
}
