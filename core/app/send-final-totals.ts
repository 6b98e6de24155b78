import { and, desc, eq, inArray } from "drizzle-orm";
import { type NewNotification, queueNotifications } from "../db/notification-queries.ts";
import { findOrders, type OrderView } from "../db/order-queries.ts";
import { batches, notifications, orders } from "../db/schema.ts";
import { finalTotal } from "../domain/final-total.ts";
import { orderPixCode, type PixSettings } from "../domain/pix.ts";
import type { CoreContext } from "./context.ts";
import { conflict, notFound } from "./errors.ts";

export interface SendFinalTotalsInput {
  businessId: number;
  /** The most recently closed batch ("lote pronto", the batch arrived), or one order by number ("pedido 42 pronto"). */
  target: "last_closed_batch" | { batchId: number } | { orderNumber: number };
  pix: PixSettings | null;
}

/** Orders whose amount is told: out of the open batch, not cancelled. Paid ones are settled and left alone. */
const WEIGHED_STATUSES = ["placed", "on_the_way", "arrived", "delivered"] as const;

/**
 * Tells each customer concerned its final total: what was delivered differently from the order, the fee and the
 * amount (in the same integer cents as the sheets), and with PIX_KEY the Pix "copia e cola" in a message of its
 * own, then as a QR image (none for a zero total). Each customer is told once per change: the same amount and the
 * same differences again queue nothing. Answers how many customers were told now.
 */
export async function sendFinalTotals(context: CoreContext, input: SendFinalTotalsInput): Promise<{ told: number }> {
  const found = await ordersConcerned(context, input);
  const entries = found.map((order) => finalTotalNotifications(input.businessId, order, input.pix));
  const keys = entries.map((entry) => entry.key);
  const known =
    keys.length === 0
      ? []
      : await context.db
          .select({ key: notifications.dedupeKey })
          .from(notifications)
          .where(and(eq(notifications.businessId, input.businessId), inArray(notifications.dedupeKey, keys)));
  const alreadyTold = new Set(known.map((row) => row.key));
  const fresh = entries.filter((entry) => !alreadyTold.has(entry.key));
  await queueNotifications(
    context.db,
    fresh.flatMap((entry) => entry.notifications),
  );
  if (fresh.length > 0) context.emit("notifications_queued");
  return { told: fresh.length };
}

async function ordersConcerned(context: CoreContext, input: SendFinalTotalsInput): Promise<OrderView[]> {
  if (input.target === "last_closed_batch" || "batchId" in input.target) {
    const [batch] = await context.db
      .select({ id: batches.id })
      .from(batches)
      .where(
        and(
          eq(batches.businessId, input.businessId),
          input.target === "last_closed_batch"
            ? inArray(batches.status, [...WEIGHED_STATUSES, "closed"])
            : eq(batches.id, input.target.batchId),
        ),
      )
      .orderBy(desc(batches.number))
      .limit(1);
    if (!batch) throw notFound("batch_not_found", "no batch was closed yet");
    const found = await findOrders(context.db, {
      businessId: input.businessId,
      batchId: batch.id,
      statuses: WEIGHED_STATUSES,
    });
    return found.filter((order) => order.payment.status === "pending");
  }
  const [row] = await context.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.businessId, input.businessId), eq(orders.number, input.target.orderNumber)));
  if (!row) throw notFound("order_not_found", `order #${input.target.orderNumber} not found`);
  const [order] = await findOrders(context.db, { businessId: input.businessId, orderIds: [row.id] });
  if (!order) throw notFound("order_not_found", `order #${input.target.orderNumber} not found`);
  if (order.status === "received" || order.status === "cancelled") {
    throw conflict(order.status === "received" ? "order_not_closed" : "order_cancelled", `order #${order.number}`, {
      orderNumber: order.number,
    });
  }
  return [order];
}

/** The final total's message and its Pix code, keyed by what they say: a change makes a new key. */
function finalTotalNotifications(
  businessId: number,
  order: OrderView,
  pix: PixSettings | null,
): { key: string; notifications: NewNotification[] } {
  const finalTotalCents = order.finalTotalCents ?? finalTotal(order.items, order.delivery.feeCents);
  const changes = order.items
    .filter((item) => item.deliveredQuantityMilli !== null && item.deliveredQuantityMilli !== item.quantityMilli)
    .map((item) => ({
      name: item.name,
      unit: item.unit,
      beforeMilli: item.quantityMilli,
      afterMilli: item.deliveredQuantityMilli ?? item.quantityMilli,
    }));
  const pixCode = orderPixCode(pix, { batchNumber: order.batchNumber, number: order.number, finalTotalCents });
  const what = [finalTotalCents, ...changes.map((change) => `${change.name}=${change.afterMilli}`)].join(":");
  const key = `final_total:${order.id}:${what}`;
  const told: NewNotification[] = [
    {
      businessId,
      phone: order.phone,
      payload: {
        kind: "final_total",
        orderNumber: order.number,
        batchNumber: order.batchNumber,
        changes,
        feeCents: order.delivery.feeCents,
        finalTotalCents,
        pixCode,
      },
      dedupeKey: key,
    },
  ];
  if (pixCode) {
    told.push({
      businessId,
      phone: order.phone,
      payload: { kind: "pix_code", orderNumber: order.number, code: pixCode },
      dedupeKey: `pix:${order.id}:${what}`,
    });
    told.push({
      businessId,
      phone: order.phone,
      payload: { kind: "pix_qr", orderNumber: order.number, code: pixCode },
      dedupeKey: `pix-qr:${order.id}:${what}`,
    });
  }
  return { key, notifications: told };
}
