import { sql } from "drizzle-orm";
import { findOrders, type OrderView } from "../db/order-queries.ts";
import { finalTotal } from "../domain/final-total.ts";
import { formatMilli } from "../domain/quantity.ts";
import type { CoreContext } from "./context.ts";
import {
  type DeliveredLineProblem,
  type DeliveredQuantityInput,
  loadDeliveryOrders,
  orderDeliveryRefusal,
  type PlannedDeliveredLine,
  planDeliveredLines,
} from "./delivery-lines.ts";
import { conflict, invalidInput, notFound, unprocessable } from "./errors.ts";

export interface DeliveredOrderInput {
  /** The order, by id (API) or by the number people see (chat, workbook). */
  order: { id: number } | { number: number };
  items: readonly DeliveredQuantityInput[];
}

export interface RecordDeliveredQuantitiesInput {
  businessId: number;
  orders: readonly DeliveredOrderInput[];
  /** When set, every order must be of this batch (a packing workbook of that batch). */
  batchId?: number | undefined;
}

export interface RecordedDelivery {
  order: OrderView;
  /** Every line given, with what was recorded before, so callers can tell what changed. */
  lines: PlannedDeliveredLine[];
  /** The final total before this record; null when none was known. */
  previousFinalTotalCents: number | null;
}

const REFUSAL_MESSAGES = {
  order_not_closed: "is still open to changes: delivered quantities are recorded once its batch is closed",
  order_cancelled: "was cancelled",
  order_paid: "was already paid: its amount is settled",
} as const;

/** One sentence per problem, for the API's error; the chat words them from the details. */
export function describeDeliveredLineProblem(problem: DeliveredLineProblem): string {
  const order = `order #${problem.orderNumber}`;
  switch (problem.kind) {
    case "not_in_order":
      return `${order} has no ${JSON.stringify(problem.product)}`;
    case "given_twice":
      return `${order}: ${problem.sku} is given twice`;
    case "invalid_quantity":
      switch (problem.problem.kind) {
        case "negative":
          return `${order}: the delivered quantity of ${problem.sku} cannot be negative`;
        case "not_whole":
          return `${order}: ${problem.sku} is sold by ${problem.problem.unit}, delivered in whole numbers`;
        case "too_large":
          return `${order}: at most ${formatMilli(problem.problem.maxMilli)} of ${problem.sku} can be recorded as delivered`;
      }
  }
}

/**
 * Records what was really delivered of some lines of one or more orders, and their final totals, in one
 * transaction: a product not in its order, a quantity outside its unit's rules, or an order that takes none
 * refuses the whole record, naming every problem. Lines not given keep what they had (as ordered, when nothing was
 * recorded).
 */
export async function recordDeliveredQuantities(
  context: CoreContext,
  input: RecordDeliveredQuantitiesInput,
): Promise<RecordedDelivery[]> {
  if (input.orders.length === 0 || input.orders.some((order) => order.items.length === 0)) {
    throw invalidInput("no_items", "give at least one delivered quantity");
  }
  const byId = input.orders.every((order) => "id" in order.order);
  const keyOf = (order: DeliveredOrderInput["order"]) => ("id" in order ? order.id : order.number);
  const keys = input.orders.map((order) => keyOf(order.order));
  if (new Set(keys).size !== keys.length) throw invalidInput("order_given_twice", "an order is given twice");
  if (!byId && input.orders.some((order) => "id" in order.order)) {
    throw new Error("recordDeliveredQuantities takes orders all by id or all by number");
  }

  const recorded = await context.db.transaction(async (tx) => {
    const loaded = await loadDeliveryOrders(
      tx,
      input.businessId,
      byId ? { orderIds: keys } : { orderNumbers: keys },
      true,
    );
    const found = new Map(loaded.map((order) => [byId ? order.id : order.number, order]));
    const plans = input.orders.map((given) => {
      const order = found.get(keyOf(given.order));
      if (!order || (input.batchId !== undefined && order.batchId !== input.batchId)) {
        throw notFound(
          "order_not_found",
          `order ${"id" in given.order ? given.order.id : `#${given.order.number}`} not found`,
        );
      }
      const refusal = orderDeliveryRefusal(order);
      if (refusal) {
        throw conflict(refusal, `order #${order.number} ${REFUSAL_MESSAGES[refusal]}`, { orderNumber: order.number });
      }
      return { order, ...planDeliveredLines(order, given.items) };
    });
    const problems = plans.flatMap((plan) => plan.problems);
    if (problems.length > 0) {
      const notInOrder = problems.some((problem) => problem.kind === "not_in_order");
      throw unprocessable(
        notInOrder ? "not_in_order" : "invalid_delivered_quantity",
        problems.map(describeDeliveredLineProblem).join("; "),
        { problems },
      );
    }

    const lineValues = plans.flatMap((plan) =>
      plan.lines.map((line) => ({ id: line.itemId, delivered: line.deliveredMilli })),
    );
    await tx.execute(sql`
      update order_items i set delivered_quantity_milli = given.delivered
      from jsonb_to_recordset(${JSON.stringify(lineValues)}::jsonb) as given(id integer, delivered bigint)
      where i.id = given.id`);
    const totals = plans.map((plan) => {
      const delivered = new Map(plan.lines.map((line) => [line.itemId, line.deliveredMilli]));
      const lines = plan.order.lines.map((line) => ({
        ...line,
        deliveredQuantityMilli: delivered.get(line.itemId) ?? line.deliveredQuantityMilli,
      }));
      return { id: plan.order.id, final_total: finalTotal(lines, plan.order.deliveryFeeCents) };
    });
    await tx.execute(sql`
      update orders o set final_total_cents = given.final_total, updated_at = ${context.now().toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(totals)}::jsonb) as given(id integer, final_total bigint)
      where o.id = given.id`);
    return plans.map((plan) => ({
      orderId: plan.order.id,
      lines: plan.lines,
      previousFinalTotalCents: plan.order.finalTotalCents,
    }));
  });

  const views = await findOrders(context.db, {
    businessId: input.businessId,
    orderIds: recorded.map((entry) => entry.orderId),
  });
  const viewById = new Map(views.map((view) => [view.id, view]));
  return recorded.map((entry) => {
    const order = viewById.get(entry.orderId);
    if (!order) throw new Error(`order ${entry.orderId} vanished`);
    return { order, lines: entry.lines, previousFinalTotalCents: entry.previousFinalTotalCents };
  });
}
