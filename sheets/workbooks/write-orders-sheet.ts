import type { Workbook } from "exceljs";
import { MILLI_PER_UNIT } from "../../core/domain/quantity.ts";
import { unitLabel } from "../../core/domain/units.ts";
import { type CellStyles, wrapped } from "./cell-styles.ts";
import { inRankOrder } from "./in-rank-order.ts";
import { plainText } from "./plain-text.ts";
import { columnLetter, SheetBuilder, TITLE_ROWS } from "./sheet-builder.ts";
import type { SheetLabels } from "./sheet-labels.ts";
import type { OrderLine, PackingOrder, PackingSheetSource } from "./sheet-source.ts";
import {
  columnWidths,
  fillColumnHeaders,
  fillTableRow,
  LONGEST_UNWRAPPED,
  reais,
  type SheetColumn,
} from "./sheet-table.ts";
import { moneyShownLength, quantityShownLength } from "./shown-length.ts";
import { shownPhone } from "./shown-phone.ts";
import { sortedByName } from "./sorted-by-name.ts";

/**
 * Orders one sheet holds. Excel refuses a sheet with more than about 1,024 page breaks (it calls the file damaged),
 * so a larger batch goes on in `Pedidos 2`, `Pedidos 3`…, each with its own title and header.
 */
export const ORDERS_PER_SHEET = 1_000;

/** An item row of an order, with the order it belongs to. */
interface ItemRow {
  order: PackingOrder;
  /** "#42", made once per order: the shared-string table looks a string up faster the second time. */
  number: string;
  line: OrderLine;
}

/**
 * `Pedidos`, for packing: one block per order, each on a new printed page: `#42` with the customer's name and phone,
 * delivery (with the address) or pickup, the items grouped by provider and sorted by name, and the order's total.
 * `Entregue` starts equal to `Quantidade`: a plain number shown with its unit, the only cells left unlocked, and
 * accepted only as a number of zero or more, so the file can come back in chat and be read safely.
 * Returns the sheets and rows written.
 */
export async function writeOrdersSheets(
  workbook: Workbook,
  source: PackingSheetSource,
  labels: SheetLabels,
  styles: CellStyles,
): Promise<{ sheets: number; rows: number }> {
  const { locale } = source;
  const columns: SheetColumn<ItemRow>[] = [
    {
      label: labels.order,
      value: ({ number }) => number,
      style: () => styles.text,
      shownLength: ({ number }) => number.length,
    },
    {
      label: labels.product,
      value: ({ line }) => plainText(line.productName),
      style: ({ line }) => (line.productName.length > LONGEST_UNWRAPPED ? wrapped(styles.text) : styles.text),
      shownLength: ({ line }) => line.productName.length,
    },
    {
      label: labels.unit,
      value: ({ line }) => unitLabel(line.unit, locale),
      style: () => styles.text,
      shownLength: ({ line }) => unitLabel(line.unit, locale).length,
    },
    {
      label: labels.quantity,
      numeric: true,
      value: ({ line }) => line.quantityMilli / MILLI_PER_UNIT,
      style: ({ line }) => styles.quantity(line.quantityMilli),
      shownLength: ({ line }) => quantityShownLength(line.quantityMilli),
    },
    {
      label: labels.delivered,
      numeric: true,
      value: ({ line }) => line.quantityMilli / MILLI_PER_UNIT,
      style: ({ line }) => styles.delivered(line.unit),
      // Room for a weighed "2,150" and the unit word beside it.
      shownLength: ({ line }) =>
        Math.max(quantityShownLength(line.quantityMilli), 5) + 1 + unitLabel(line.unit, locale).length,
    },
    {
      label: labels.unitPrice,
      numeric: true,
      value: ({ line }) => reais(line.unitPriceCents),
      style: () => styles.money,
      shownLength: ({ line }) => moneyShownLength(line.unitPriceCents),
    },
    {
      label: labels.total,
      numeric: true,
      value: ({ line }) => reais(line.totalCents),
      style: () => styles.money,
      shownLength: ({ order, line }) => Math.max(moneyShownLength(line.totalCents), moneyShownLength(order.totalCents)),
    },
  ];
  const PRODUCT = 2;
  const DELIVERED = 5;
  const TOTAL = 7;

  const widths = columnWidths(columns, itemRows(source.orders));
  // Items by provider then name: each product's place in the summary sorted once, instead of comparing names with
  // a collator in every order.
  const ranks = new Map(
    sortedByName(
      source.summary,
      (line) => line.providerName,
      (line) => line.productName,
    ).map((line, index) => [line.productKey, index]),
  );
  const rankOf = (line: OrderLine) => ranks.get(line.productKey) ?? ranks.size;
  let sheets = 0;
  let rows = 0;
  for (let first = 0; first < Math.max(1, source.orders.length); first += ORDERS_PER_SHEET) {
    const orders = source.orders.slice(first, first + ORDERS_PER_SHEET);
    sheets++;
    const name = sheets === 1 ? labels.ordersSheet : `${labels.ordersSheet} ${sheets}`;
    const header = TITLE_ROWS + 1;
    const sheet = new SheetBuilder(workbook, name, { widths, headerRows: [header, header] });
    sheet.protect();
    sheet.writeTitle(source.title, labels.ordersSubject, labels, styles, locale);
    fillColumnHeaders(sheet.row(), columns, styles).commit();
    for (const [index, order] of orders.entries()) {
      const number = `#${order.number}`;
      const customer = [order.customerName?.trim(), shownPhone(order.phone)].filter(Boolean).join(" — ");
      sheet.writeSpanningText(plainText(customer), styles.orderHeading, PRODUCT, (row) =>
        row.set(1, number, styles.orderHeading),
      );
      sheet.writeSpanningText(
        plainText(order.delivery.kind === "delivery" ? labels.delivery(order.delivery.address) : labels.pickup),
        styles.text,
        PRODUCT,
      );
      let provider: string | null = null;
      for (const line of inRankOrder(order.lines, rankOf)) {
        if (line.providerName !== provider) {
          provider = line.providerName;
          sheet.writeSpanningText(plainText(provider), styles.providerHeading, PRODUCT);
        }
        const wraps = line.productName.length > LONGEST_UNWRAPPED;
        fillTableRow(sheet.row(), columns, { order, number, line }).commit(
          wraps ? sheet.wrappedHeight(line.productName.length, widths[PRODUCT - 1] ?? 0) : undefined,
        );
      }
      const totalRow = sheet.row();
      totalRow.set(PRODUCT, labels.orderTotal, styles.bold);
      totalRow.set(TOTAL, reais(order.totalCents), styles.totalMoney);
      // Every order starts a new printed page; the last one needs no break after it.
      if (index < orders.length - 1) sheet.pageBreakAfter(totalRow);
      totalRow.commit();
      await sheet.letZipCatchUp();
    }
    const delivered = columnLetter(DELIVERED);
    if (sheet.rows > header) {
      sheet.validate(`${delivered}${header + 1}:${delivered}${sheet.rows}`, {
        type: "decimal",
        operator: "greaterThanOrEqual",
        formulae: [0],
        allowBlank: true,
        showErrorMessage: true,
        errorStyle: "stop",
        error: labels.deliveredError,
      });
    }
    rows += sheet.rows;
    sheet.finish();
  }
  return { sheets, rows };
}

function* itemRows(orders: readonly PackingOrder[]): Generator<ItemRow> {
  for (const order of orders) {
    const number = `#${order.number}`;
    for (const line of order.lines) yield { order, number, line };
  }
}
