import type { Workbook } from "exceljs";
import { MILLI_PER_UNIT } from "../../core/domain/quantity.ts";
import { unitLabel } from "../../core/domain/units.ts";
import { type CellStyles, wrapped } from "./cell-styles.ts";
import { inRankOrder } from "./in-rank-order.ts";
import { plainText } from "./plain-text.ts";
import { SheetBuilder, TITLE_ROWS } from "./sheet-builder.ts";
import type { SheetLabels } from "./sheet-labels.ts";
import type { OrderLine, PackingSheetSource, SummaryLine } from "./sheet-source.ts";
import { fillHeaderRow, fitWidth } from "./sheet-table.ts";
import { quantityShownLength } from "./shown-length.ts";
import { sortedByName } from "./sorted-by-name.ts";

/** Product columns are narrow: their names wrap in the header, the cells hold only quantities. */
const PRODUCT_COLUMN_WIDTH = 12;
const CUSTOMER_COLUMN_MAX_WIDTH = 30;
/** Column widths a landscape page holds at a size still read at arm's length; a wider map prints over more pages. */
const LANDSCAPE_READABLE_WIDTH = 220;
const HEADER_MAX_LINES = 6;

/**
 * `Mapa`, for sorting the goods: one row per order (`#42`, the customer), one column per product of the batch,
 * grouped by provider under a band naming each provider, the quantity in each cell. Returns the rows written.
 */
export async function writeMapSheet(
  workbook: Workbook,
  source: PackingSheetSource,
  labels: SheetLabels,
  styles: CellStyles,
): Promise<number> {
  const { locale } = source;
  const products = sortedByName(
    source.summary,
    (line) => line.providerName,
    (line) => line.productName,
  );
  const columnOf = new Map(products.map((product, index) => [product.productKey, index + 3]));
  const productHeaders = products.map(
    (product) => `${plainText(product.productName)} (${unitLabel(product.unit, locale)})`,
  );
  let customerWidth = labels.customer.length;
  let numberWidth = labels.order.length;
  for (const order of source.orders) {
    customerWidth = Math.max(customerWidth, customerOf(order).length);
    numberWidth = Math.max(numberWidth, String(order.number).length + 1);
  }
  const productWidths = products.map((product) =>
    Math.max(PRODUCT_COLUMN_WIDTH, fitWidth(quantityShownLength(product.quantityMilli))),
  );
  const customerColumnWidth = fitWidth(customerWidth, CUSTOMER_COLUMN_MAX_WIDTH);
  const widths = [fitWidth(numberWidth), customerColumnWidth, ...productWidths];
  const totalWidth = widths.reduce((sum, width) => sum + width, 0);

  const band = TITLE_ROWS + 1;
  const header = band + 1;
  const sheet = new SheetBuilder(workbook, labels.mapSheet, {
    widths,
    headerRows: [band, header],
    frozenColumns: 2,
    pagesWide: Math.max(1, Math.ceil(totalWidth / LANDSCAPE_READABLE_WIDTH)),
  });
  sheet.writeTitle(source.title, labels.mapSubject, labels, styles, locale);

  // The band: each provider's name over its products, merged across them.
  const bandRow = sheet.row();
  let bandLines = 1;
  for (const group of providerGroups(products)) {
    const first = group.start + 3;
    const last = first + group.count - 1;
    bandRow.set(first, plainText(group.providerName), styles.providerBand);
    if (last > first) sheet.merge(bandRow, first, last);
    const width = productWidths.slice(group.start, group.start + group.count).reduce((sum, each) => sum + each, 0);
    bandLines = Math.max(bandLines, Math.ceil(group.providerName.length / Math.max(1, width - 1)));
  }
  bandRow.commit(bandLines > 1 ? sheet.heightOfLines(Math.min(bandLines, HEADER_MAX_LINES)) : undefined);

  const headerRow = fillHeaderRow(sheet.row(), [labels.order, labels.customer, ...productHeaders], styles.header);
  const headerLines = Math.max(
    1,
    ...productHeaders.map((text, index) => Math.ceil(text.length / Math.max(1, (productWidths[index] ?? 1) - 1))),
  );
  headerRow.commit(headerLines > 1 ? sheet.heightOfLines(Math.min(headerLines, HEADER_MAX_LINES)) : undefined);

  for (const order of source.orders) {
    const row = sheet.row();
    row.set(1, `#${order.number}`, styles.bold);
    // A long name wraps in a row at most three lines tall instead of spilling over the quantities.
    const customer = customerOf(order);
    const wraps = customer.length > customerColumnWidth;
    row.set(2, customer, wraps ? wrapped(styles.text) : styles.text);
    // Cells go left to right; a product twice in one order (never from the order service, which merges them)
    // still shows its sum.
    const columnOfLine = (line: OrderLine) => columnOf.get(line.productKey) ?? 0;
    const placed = order.lines.filter((line) => columnOf.has(line.productKey));
    let column = 0;
    let quantityMilli = 0;
    const put = () => {
      if (column > 0) row.set(column, quantityMilli / MILLI_PER_UNIT, styles.quantity(quantityMilli));
    };
    for (const line of inRankOrder(placed, columnOfLine)) {
      if (columnOfLine(line) !== column) {
        put();
        column = columnOfLine(line);
        quantityMilli = 0;
      }
      quantityMilli += line.quantityMilli;
    }
    put();
    row.commit(wraps ? sheet.heightOfLines(Math.min(3, Math.ceil(customer.length / customerColumnWidth))) : undefined);
    await sheet.letZipCatchUp();
  }
  const rows = sheet.rows;
  sheet.finish();
  return rows;
}

/** Who the order is for: the name, or the phone when the customer never gave one. */
function customerOf(order: PackingSheetSource["orders"][number]): string {
  return plainText(order.customerName?.trim() || order.phone);
}

/** Runs of consecutive products of one provider (the products are sorted by provider). */
function providerGroups(products: readonly SummaryLine[]): { providerName: string; start: number; count: number }[] {
  const groups: { providerName: string; start: number; count: number }[] = [];
  for (const [index, product] of products.entries()) {
    const last = groups.at(-1);
    if (last && last.providerName === product.providerName) last.count++;
    else groups.push({ providerName: product.providerName, start: index, count: 1 });
  }
  return groups;
}
