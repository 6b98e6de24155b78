import { and, eq } from "drizzle-orm";
import { findOrders, type OrderView } from "../db/order-queries.ts";
import { orders } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";
import { conflict, notFound } from "./errors.ts";

export interface RecordPaymentInput {
  businessId: number;
  /** The order, by id (API) or by the number people see (chat). */
  order: { id: number } | { number: number };
}

/** A payment recorded now, or the one recorded before: an order is paid once. */
export type RecordPaymentOutcome = { kind: "recorded"; order: OrderView } | { kind: "already_paid"; order: OrderView };

/**
 * Records that the customer paid an order. Paying an order again records nothing and says when it was paid; an
 * order still open to changes (its amount is not settled) or cancelled takes no payment.
 */
export async function recordPayment(context: CoreContext, input: RecordPaymentInput): Promise<RecordPaymentOutcome> {
  const now = context.now();
  const outcome = await context.db.transaction(async (tx) => {
    const [order] = await tx
      .select({ id: orders.id, number: orders.number, status: orders.status, paymentStatus: orders.paymentStatus })
      .from(orders)
      .where(
        and(
          eq(orders.businessId, input.businessId),
          "id" in input.order ? eq(orders.id, input.order.id) : eq(orders.number, input.order.number),
        ),
      )
      .for("update");
    if (!order) throw notFound("order_not_found", "order not found");
    if (order.paymentStatus === "paid") return { kind: "already_paid" as const, orderId: order.id };
    if (order.status === "received") {
      throw conflict("order_not_closed", `order #${order.number} is still open to changes: its amount is not settled`, {
        orderNumber: order.number,
      });
    }
    if (order.status === "cancelled") {
      throw conflict("order_cancelled", `order #${order.number} was cancelled`, { orderNumber: order.number });
    }
    await tx
      .update(orders)
      .set({ paymentStatus: "paid", paidAt: now, updatedAt: now })
      .where(and(eq(orders.id, order.id), eq(orders.paymentStatus, "pending")));
    return { kind: "recorded" as const, orderId: order.id };
  });
  if (outcome.kind === "recorded") context.emit("payment_recorded");
  const [order] = await findOrders(context.db, { businessId: input.businessId, orderIds: [outcome.orderId] });
  if (!order) throw new Error(`order ${outcome.orderId} vanished`);
  return { kind: outcome.kind, order };
}
