import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { batches, orderItems, orders, products } from "../db/schema.ts";
import { comparableText } from "../domain/comparable-text.ts";
import { checkDeliveredQuantity, type DeliveredQuantityProblem } from "../domain/delivered-quantity.ts";
import type { OrderStatus } from "../domain/lifecycle.ts";
import type { PaymentStatus } from "../domain/payment.ts";
import type { Milli } from "../domain/quantity.ts";
import type { Unit } from "../domain/units.ts";

/** An order line as recording delivered quantities needs it. */
export interface DeliveryLine {
  itemId: number;
  sku: string;
  name: string;
  unit: Unit;
  quantityMilli: Milli;
  deliveredQuantityMilli: Milli | null;
  unitPriceCents: number;
}

export interface DeliveryOrder {
  id: number;
  number: number;
  batchId: number;
  batchNumber: number;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  deliveryFeeCents: number;
  finalTotalCents: number | null;
  lines: DeliveryLine[];
}

export type DeliveryOrderFilter = { orderIds: readonly number[] } | { orderNumbers: readonly number[] };

/** The orders with their lines, in number order; locked for update when `lock` (recording changes them). */
export async function loadDeliveryOrders(
  executor: Executor,
  businessId: number,
  filter: DeliveryOrderFilter,
  lock: boolean,
): Promise<DeliveryOrder[]> {
  const wanted = "orderIds" in filter ? filter.orderIds : filter.orderNumbers;
  if (wanted.length === 0) return [];
  const query = executor
    .select({
      id: orders.id,
      number: orders.number,
      batchId: orders.batchId,
      batchNumber: batches.number,
      status: orders.status,
      paymentStatus: orders.paymentStatus,
      deliveryFeeCents: orders.deliveryFeeCents,
      finalTotalCents: orders.finalTotalCents,
      itemId: orderItems.id,
      sku: products.sku,
      name: products.name,
      unit: products.unit,
      quantityMilli: orderItems.quantityMilli,
      deliveredQuantityMilli: orderItems.deliveredQuantityMilli,
      unitPriceCents: orderItems.unitPriceCents,
    })
    .from(orders)
    .innerJoin(batches, eq(batches.id, orders.batchId))
    .leftJoin(orderItems, eq(orderItems.orderId, orders.id))
    .leftJoin(products, eq(products.id, orderItems.productId))
    .where(
      and(
        eq(orders.businessId, businessId),
        "orderIds" in filter ? inArray(orders.id, [...wanted]) : inArray(orders.number, [...wanted]),
      ),
    )
    .orderBy(asc(orders.number), asc(orderItems.id));
  const rows = lock ? await query.for("update", { of: orders }) : await query;
  const found = new Map<number, DeliveryOrder>();
  for (const row of rows) {
    let order = found.get(row.id);
    if (!order) {
      order = {
        id: row.id,
        number: row.number,
        batchId: row.batchId,
        batchNumber: row.batchNumber,
        status: row.status as OrderStatus,
        paymentStatus: row.paymentStatus as PaymentStatus,
        deliveryFeeCents: row.deliveryFeeCents,
        finalTotalCents: row.finalTotalCents,
        lines: [],
      };
      found.set(row.id, order);
    }
    if (row.itemId === null || row.sku === null || row.name === null || row.unit === null) continue;
    order.lines.push({
      itemId: row.itemId,
      sku: row.sku,
      name: row.name,
      unit: row.unit as Unit,
      quantityMilli: row.quantityMilli ?? 0,
      deliveredQuantityMilli: row.deliveredQuantityMilli,
      unitPriceCents: row.unitPriceCents ?? 0,
    });
  }
  return [...found.values()];
}

/** Why an order takes no delivered quantities, or null: it must have left the open batch, not be cancelled nor paid. */
export type OrderDeliveryRefusal = "order_not_closed" | "order_cancelled" | "order_paid";

export function orderDeliveryRefusal(order: DeliveryOrder): OrderDeliveryRefusal | null {
  if (order.status === "received") return "order_not_closed";
  if (order.status === "cancelled") return "order_cancelled";
  // A paid order's amount is settled: changing what it delivered would change what was paid.
  if (order.paymentStatus === "paid") return "order_paid";
  return null;
}

/** A delivered quantity given for a product: by sku (the API) or by name or sku as a sheet shows it. */
export interface DeliveredQuantityInput {
  product: string;
  quantityMilli: Milli;
}

/** A line whose delivered quantity is to be recorded, with what it was before. */
export interface PlannedDeliveredLine {
  itemId: number;
  sku: string;
  name: string;
  unit: Unit;
  orderedMilli: Milli;
  /** The delivered quantity recorded before; null when none was. */
  previousMilli: Milli | null;
  deliveredMilli: Milli;
}

export type DeliveredLineProblem =
  | { kind: "not_in_order"; orderNumber: number; product: string }
  | { kind: "given_twice"; orderNumber: number; sku: string }
  | { kind: "invalid_quantity"; orderNumber: number; sku: string; problem: DeliveredQuantityProblem };

/** The order's line for a product named by its sku, or by its name in any accents and case. */
export function findDeliveryLine(order: DeliveryOrder, product: string): DeliveryLine | undefined {
  const wanted = comparableText(product);
  return (
    order.lines.find((line) => line.sku === product) ??
    order.lines.find((line) => comparableText(line.sku) === wanted || comparableText(line.name) === wanted)
  );
}

/** Matches delivered quantities to the order's lines and checks each: every problem, or the lines to record. */
export function planDeliveredLines(
  order: DeliveryOrder,
  inputs: readonly DeliveredQuantityInput[],
): { lines: PlannedDeliveredLine[]; problems: DeliveredLineProblem[] } {
  const lines: PlannedDeliveredLine[] = [];
  const problems: DeliveredLineProblem[] = [];
  const seen = new Set<number>();
  for (const input of inputs) {
    const line = findDeliveryLine(order, input.product);
    if (!line) {
      problems.push({ kind: "not_in_order", orderNumber: order.number, product: input.product });
      continue;
    }
    if (seen.has(line.itemId)) {
      problems.push({ kind: "given_twice", orderNumber: order.number, sku: line.sku });
      continue;
    }
    seen.add(line.itemId);
    const problem = checkDeliveredQuantity(input.quantityMilli, line.unit, line.quantityMilli);
    if (problem) {
      problems.push({ kind: "invalid_quantity", orderNumber: order.number, sku: line.sku, problem });
      continue;
    }
    lines.push({
      itemId: line.itemId,
      sku: line.sku,
      name: line.name,
      unit: line.unit,
      orderedMilli: line.quantityMilli,
      previousMilli: line.deliveredQuantityMilli,
      deliveredMilli: input.quantityMilli,
    });
  }
  return { lines, problems };
}
