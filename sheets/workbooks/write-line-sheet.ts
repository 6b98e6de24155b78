import type { Row, Style, Workbook } from "exceljs";
import type { Cents } from "../../core/domain/money.ts";
import { MILLI_PER_UNIT } from "../../core/domain/quantity.ts";
import { CELL_STYLES, NO_STYLE, quantityStyle } from "./cell-styles.ts";
import { ColumnWidths } from "./column-widths.ts";
import { releaseCommittedWorksheet } from "./open-workbook-writer.ts";
import { plainText } from "./plain-text.ts";
import type { SheetLabels } from "./sheet-labels.ts";
import type { SheetLine, SheetLocale } from "./sheet-source.ts";
import { moneyShownLength, quantityShownLength } from "./shown-length.ts";
import { unitLabel } from "./unit-label.ts";

export interface LineSheetOptions {
  locale: SheetLocale;
  labels: SheetLabels;
  /** Adds the provider column: the consolidated workbook mixes providers, a provider's own workbook does not. */
  withProvider: boolean;
}

const PRODUCT = 1;
const UNIT = 2;
const QUANTITY = 3;
const UNIT_PRICE = 4;
const TOTAL = 5;
const PROVIDER = 6;

/**
 * Adds one sheet of product lines to a streaming workbook and commits it: a bold, frozen header, one row per line
 * (numbers as numbers, money in reais with a currency format), then a bold Total row. Returns the rows written.
 */
export function writeLineSheet(
  workbook: Workbook,
  name: string,
  lines: readonly SheetLine[],
  options: LineSheetOptions,
): number {
  const { labels, locale, withProvider } = options;
  const headers = [labels.product, labels.unit, labels.quantity, labels.unitPrice, labels.total];
  if (withProvider) headers.push(labels.provider);

  const widths = new ColumnWidths(headers);
  let sumCents: Cents = 0;
  for (const line of lines) {
    widths.fit(PRODUCT - 1, plainText(line.productName));
    widths.fit(UNIT - 1, unitLabel(line.unit, locale));
    widths.fitLength(QUANTITY - 1, quantityShownLength(line.quantityMilli));
    widths.fitLength(UNIT_PRICE - 1, moneyShownLength(line.unitPriceCents));
    widths.fitLength(TOTAL - 1, moneyShownLength(line.totalCents));
    if (withProvider) widths.fit(PROVIDER - 1, plainText(line.providerName));
    sumCents += line.totalCents;
  }
  widths.fitLength(TOTAL - 1, moneyShownLength(sumCents));

  const worksheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  worksheet.columns = widths.widths().map((width) => ({ width, style: NO_STYLE }));

  const header = worksheet.addRow(headers);
  styleCells(header, headers.length, () => CELL_STYLES.header);
  header.commit();

  for (const line of lines) {
    const values: (string | number)[] = [
      plainText(line.productName),
      unitLabel(line.unit, locale),
      line.quantityMilli / MILLI_PER_UNIT,
      reais(line.unitPriceCents),
      reais(line.totalCents),
    ];
    if (withProvider) values.push(plainText(line.providerName));
    const row = worksheet.addRow(values);
    styleCells(row, values.length, (column) => {
      if (column === QUANTITY) return quantityStyle(line.quantityMilli);
      return column === UNIT_PRICE || column === TOTAL ? CELL_STYLES.money : CELL_STYLES.text;
    });
    row.commit();
  }

  // Quantities of different units do not add up, so the Total row carries money only.
  const totalRow = worksheet.addRow([labels.totalRow, null, null, null, reais(sumCents)]);
  styleCells(totalRow, TOTAL, (column) => (column === TOTAL ? CELL_STYLES.totalMoney : CELL_STYLES.header));
  totalRow.commit();

  worksheet.commit();
  releaseCommittedWorksheet(workbook, worksheet);
  return lines.length + 2;
}

// exceljs caches a style's id by object identity and re-serialises any other object to look it up, once per
// cell and once per row: handing every cell and row one of a few shared style objects is what keeps the writer fast.
function styleCells(row: Row, count: number, styleOf: (column: number) => Partial<Style>): void {
  // exceljs's typings leave out the row's own style, which its writer reads for every row.
  (row as Row & { style: Partial<Style> }).style = NO_STYLE;
  for (let column = 1; column <= count; column++) row.getCell(column).style = styleOf(column);
}

/** Cents to reais for a number cell: the division is exact to the cent when shown with two decimals. */
function reais(cents: Cents): number {
  return cents / 100;
}
