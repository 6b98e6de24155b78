import { and, desc, eq, ne } from "drizzle-orm";
import ExcelJS from "exceljs";
import { batches } from "../db/schema.ts";
import { comparableText } from "../domain/comparable-text.ts";
import { finalTotal } from "../domain/final-total.ts";
import { type Milli, milliFromNumber, parseMilli } from "../domain/quantity.ts";
import type { CoreContext } from "./context.ts";
import {
  type DeliveredLineProblem,
  type DeliveredQuantityInput,
  type DeliveryOrder,
  loadDeliveryOrders,
  type OrderDeliveryRefusal,
  orderDeliveryRefusal,
  type PlannedDeliveredLine,
  planDeliveredLines,
} from "./delivery-lines.ts";
import type { RecordDeliveredQuantitiesInput } from "./record-delivered-quantities.ts";

/** The words of the packing workbook that the reader looks for, in both LOCALE languages (PRODUCT.md "Sheets"). */
const ORDERS_SHEET_NAMES = ["pedidos", "orders"];
/** A large batch goes on in `Pedidos 2`, `Pedidos 3`… */
const MORE_ORDERS_SHEET = /^(pedidos|orders) \d+$/;
const PRODUCT_HEADERS = ["produto", "product"];
const ORDER_HEADERS = ["pedido", "order"];
const QUANTITY_HEADERS = ["quantidade", "quantity"];
const DELIVERED_HEADERS = ["entregue", "delivered"];
const BATCH_TITLE = /\b(?:lote|batch)\s*(\d+)\b/i;
const ORDER_START = /^#\s*(\d+)\b/;
const TOTAL_ROW = /^(total|taxa de entrega|delivery fee)\b/;

export interface DeliveredWorkbookOrder {
  orderId: number;
  orderNumber: number;
  /** Every line the workbook gives a delivered quantity for. */
  lines: PlannedDeliveredLine[];
  /** Those whose delivered quantity differs from what holds now (recorded before, or as ordered). */
  changed: PlannedDeliveredLine[];
  previousFinalTotalCents: number | null;
  finalTotalCents: number;
}

export type DeliveredWorkbookProblem =
  | (DeliveredLineProblem & { row: number })
  | { kind: "unknown_order"; row: number; orderNumber: number }
  | { kind: "order_of_another_batch"; row: number; orderNumber: number }
  | { kind: "order_refused"; row: number; orderNumber: number; refusal: OrderDeliveryRefusal }
  | { kind: "unreadable_quantity"; row: number; orderNumber: number; product: string; text: string };

/** What a packing workbook sent back would change; nothing is recorded until the caller applies it. */
export type DeliveredWorkbookReading =
  | { kind: "changes"; batchId: number; batchNumber: number; orders: DeliveredWorkbookOrder[] }
  | { kind: "other_batch"; workbookBatchNumber: number; expectedBatchNumber: number }
  | { kind: "unreadable"; reason: "not_a_workbook" | "no_orders_sheet" | "no_batch_number" | "no_orders" | "no_batch" }
  | { kind: "problems"; problems: DeliveredWorkbookProblem[] };

export interface ReadDeliveredWorkbookInput {
  businessId: number;
  file: Buffer;
  /** The batch whose workbook is expected; by default the most recently closed one. */
  batchId?: number | undefined;
}

interface WorkbookLine {
  row: number;
  product: string;
  quantity: Milli | { unreadable: string };
}

interface WorkbookBlock {
  row: number;
  orderNumber: number;
  lines: WorkbookLine[];
}

/**
 * Reads the `Entregue` column of a packing workbook sent back (sheet `Pedidos`): each order block starts with a
 * line `#<number>`, its items follow a header row whose first cell is `Produto`. Lines are matched to orders by the
 * order's number and to items by product name or sku, never by row position, so rows moved, sorted or deleted in a
 * spreadsheet program do no harm. A cell left empty records nothing. Answers what would change, to be shown and
 * applied on "sim" (deliveredWorkbookRecord), or why it cannot be read; a workbook of another batch is refused.
 */
export async function readDeliveredWorkbook(
  context: CoreContext,
  input: ReadDeliveredWorkbookInput,
): Promise<DeliveredWorkbookReading> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(input.file as unknown as ArrayBuffer);
  } catch {
    return { kind: "unreadable", reason: "not_a_workbook" };
  }
  const sheet = workbook.worksheets.find((candidate) => ORDERS_SHEET_NAMES.includes(comparableText(candidate.name)));
  if (!sheet) return { kind: "unreadable", reason: "no_orders_sheet" };
  const workbookBatchNumber = batchNumberOf(workbook, sheet);
  if (workbookBatchNumber === null) return { kind: "unreadable", reason: "no_batch_number" };
  const blocks = [
    sheet,
    ...workbook.worksheets.filter((candidate) => MORE_ORDERS_SHEET.test(comparableText(candidate.name))),
  ].flatMap(readBlocks);
  if (blocks.length === 0) return { kind: "unreadable", reason: "no_orders" };

  const [batch] = await context.db
    .select({ id: batches.id, number: batches.number })
    .from(batches)
    .where(
      and(
        eq(batches.businessId, input.businessId),
        input.batchId === undefined ? ne(batches.status, "open") : eq(batches.id, input.batchId),
      ),
    )
    .orderBy(desc(batches.number))
    .limit(1);
  if (!batch) return { kind: "unreadable", reason: "no_batch" };
  if (batch.number !== workbookBatchNumber) {
    return { kind: "other_batch", workbookBatchNumber, expectedBatchNumber: batch.number };
  }

  const orders = await loadDeliveryOrders(
    context.db,
    input.businessId,
    { orderNumbers: [...new Set(blocks.map((block) => block.orderNumber))] },
    false,
  );
  const ordersByNumber = new Map(orders.map((order) => [order.number, order]));
  const problems: DeliveredWorkbookProblem[] = [];
  const readOrders: DeliveredWorkbookOrder[] = [];
  for (const block of mergeBlocks(blocks)) {
    const order = ordersByNumber.get(block.orderNumber);
    if (!order) {
      problems.push({ kind: "unknown_order", row: block.row, orderNumber: block.orderNumber });
      continue;
    }
    if (order.batchId !== batch.id) {
      problems.push({ kind: "order_of_another_batch", row: block.row, orderNumber: block.orderNumber });
      continue;
    }
    const read = readOrderBlock(order, block);
    problems.push(...read.problems);
    if (read.order === null) continue;
    const refusal = orderDeliveryRefusal(order);
    if (refusal === null) {
      readOrders.push(read.order);
    } else if (read.order.changed.length > 0) {
      // A paid or cancelled order listed as it was changes nothing and is passed over; changing it is refused.
      problems.push({ kind: "order_refused", row: block.row, orderNumber: order.number, refusal });
    }
  }
  if (problems.length > 0) return { kind: "problems", problems };
  return { kind: "changes", batchId: batch.id, batchNumber: batch.number, orders: readOrders };
}

/** What applying a reading records: every line the workbook gave, for its batch only, all or nothing. */
export function deliveredWorkbookRecord(
  businessId: number,
  reading: Extract<DeliveredWorkbookReading, { kind: "changes" }>,
): RecordDeliveredQuantitiesInput {
  return {
    businessId,
    batchId: reading.batchId,
    orders: reading.orders.map((order) => ({
      order: { id: order.orderId },
      items: order.lines.map((line) => ({ product: line.sku, quantityMilli: line.deliveredMilli })),
    })),
  };
}

function readOrderBlock(
  order: DeliveryOrder,
  block: WorkbookBlock,
): { order: DeliveredWorkbookOrder | null; problems: DeliveredWorkbookProblem[] } {
  const problems: DeliveredWorkbookProblem[] = [];
  const inputs: (DeliveredQuantityInput & { row: number })[] = [];
  for (const line of block.lines) {
    if (typeof line.quantity === "number") {
      inputs.push({ product: line.product, quantityMilli: line.quantity, row: line.row });
    } else {
      problems.push({
        kind: "unreadable_quantity",
        row: line.row,
        orderNumber: order.number,
        product: line.product,
        text: line.quantity.unreadable,
      });
    }
  }
  const plan = planDeliveredLines(order, inputs);
  // planDeliveredLines keeps the inputs' order: a problem is matched back to its row by the product it names.
  for (const problem of plan.problems) {
    const named = problem.kind === "not_in_order" ? problem.product : problem.sku;
    const row =
      inputs.find((input) => input.product === named)?.row ??
      inputs.find((input) => comparableText(input.product) === comparableText(named))?.row ??
      block.row;
    problems.push({ ...problem, row });
  }
  if (problems.length > 0 || plan.lines.length === 0) return { order: null, problems };
  const delivered = new Map(plan.lines.map((line) => [line.itemId, line.deliveredMilli]));
  const lines = order.lines.map((line) => ({
    ...line,
    deliveredQuantityMilli: delivered.get(line.itemId) ?? line.deliveredQuantityMilli,
  }));
  return {
    order: {
      orderId: order.id,
      orderNumber: order.number,
      lines: plan.lines,
      changed: plan.lines.filter((line) => line.deliveredMilli !== (line.previousMilli ?? line.orderedMilli)),
      previousFinalTotalCents: order.finalTotalCents,
      finalTotalCents: finalTotal(lines, order.deliveryFeeCents),
    },
    problems,
  };
}

/** An order split over two blocks (rows copied around) is read as one. */
function mergeBlocks(blocks: WorkbookBlock[]): WorkbookBlock[] {
  const merged = new Map<number, WorkbookBlock>();
  for (const block of blocks) {
    const existing = merged.get(block.orderNumber);
    if (existing) existing.lines.push(...block.lines);
    else merged.set(block.orderNumber, { ...block, lines: [...block.lines] });
  }
  return [...merged.values()];
}

/** The batch number in the title block of the orders sheet (or, failing that, of any sheet): "Lote 3". */
function batchNumberOf(workbook: ExcelJS.Workbook, ordersSheet: ExcelJS.Worksheet): number | null {
  for (const sheet of [ordersSheet, ...workbook.worksheets.filter((other) => other !== ordersSheet)]) {
    // The title block ends where the first table or order block begins.
    for (let rowNumber = 1; rowNumber <= sheet.rowCount; rowNumber++) {
      const texts = rowValues(sheet.getRow(rowNumber)).map(cellText);
      const first = texts[0]?.trim() ?? "";
      if (
        ORDER_START.test(first) ||
        PRODUCT_HEADERS.includes(comparableText(first)) ||
        comparableText(first) === "pedido"
      ) {
        break;
      }
      for (const text of texts) {
        const match = BATCH_TITLE.exec(text);
        if (match) return Number(match[1]);
      }
    }
  }
  return null;
}

/** Where a table's header row puts the columns the reader needs (0-based), and how items name their order. */
interface TableColumns {
  product: number;
  quantity: number;
  delivered: number;
  /** Each item row names its order in the first column (`#42`), under a header whose first cell is `Pedido`. */
  orderPerRow: boolean;
}

function tableColumns(values: ExcelJS.CellValue[], orderPerRow: boolean): TableColumns | null {
  const find = (headers: string[]) => values.findIndex((value) => headers.includes(comparableText(cellText(value))));
  const [product, quantity, delivered] = [find(PRODUCT_HEADERS), find(QUANTITY_HEADERS), find(DELIVERED_HEADERS)];
  return product < 0 || delivered < 0 ? null : { product, quantity, delivered, orderPerRow };
}

/**
 * The order blocks of one sheet, in either layout PRODUCT.md allows: one header at the top whose first cell is
 * `Pedido`, each item row naming its order (`#42`) in that column, as the sheets worker writes it; or a block per
 * order that starts with `#42` and has its own header whose first cell is `Produto`. Only rows with a quantity
 * ordered are items: the order's name line, provider group rows and total rows are not.
 */
function readBlocks(sheet: ExcelJS.Worksheet): WorkbookBlock[] {
  const blocks: WorkbookBlock[] = [];
  let block: WorkbookBlock | null = null;
  let columns: TableColumns | null = null;
  sheet.eachRow((row, rowNumber) => {
    const values = rowValues(row);
    const first = cellText(values[0]).trim();
    const header = comparableText(first);
    if (PRODUCT_HEADERS.includes(header) || ORDER_HEADERS.includes(header)) {
      columns = tableColumns(values, ORDER_HEADERS.includes(header));
      return;
    }
    const start = ORDER_START.exec(first);
    if (columns?.orderPerRow) {
      if (!start || typeof quantityValue(values[columns.quantity]) !== "number") return;
      const orderNumber = Number(start[1]);
      if (block?.orderNumber !== orderNumber) {
        block = { row: rowNumber, orderNumber, lines: [] };
        blocks.push(block);
      }
      const value = values[columns.delivered];
      if (value === null || value === undefined || cellText(value).trim() === "") return;
      const product = cellText(values[columns.product]).trim();
      block.lines.push({ row: rowNumber, product, quantity: quantityOf(value) });
      return;
    }
    if (start) {
      block = { row: rowNumber, orderNumber: Number(start[1]), lines: [] };
      blocks.push(block);
      columns = null;
      return;
    }
    if (!block) return;
    // The order's total row (and a delivery fee row after it) are not items, whatever their cells hold.
    if (columns === null || first === "" || TOTAL_ROW.test(header)) return;
    const value = values[columns.delivered];
    // Provider group rows and the total row have no delivered quantity; an item whose cell was emptied records nothing.
    if (value === null || value === undefined || cellText(value).trim() === "") return;
    block.lines.push({ row: rowNumber, product: first, quantity: quantityOf(value) });
  });
  return blocks;
}

/** A cell's number, the result of a formula included; anything else as it is. */
function quantityValue(value: ExcelJS.CellValue | undefined): unknown {
  return typeof value === "object" && value !== null && "result" in value ? value.result : value;
}

/** The row's cells from the first column, 0-based (exceljs counts from 1 and leaves index 0 empty). */
function rowValues(row: ExcelJS.Row): ExcelJS.CellValue[] {
  const values = row.values;
  return Array.isArray(values) ? values.slice(1) : [];
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  if ("text" in value) return String(value.text);
  return "";
}

/** A number as the cell holds it (2.15), or text as a person typed it ("2,150"); thousandths at most. */
function quantityOf(value: ExcelJS.CellValue): Milli | { unreadable: string } {
  const resolved = typeof value === "object" && value !== null && "result" in value ? value.result : value;
  if (typeof resolved === "number") {
    const milli = milliFromNumber(resolved);
    return milli === null || milli < 0 ? { unreadable: String(resolved) } : milli;
  }
  const text = cellText(value as ExcelJS.CellValue).trim();
  return parseMilli(text) ?? { unreadable: text };
}
