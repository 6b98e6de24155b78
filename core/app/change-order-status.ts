import { and, eq } from "drizzle-orm";
import { queueNotifications } from "../db/notification-queries.ts";
import { findOrders, type OrderView } from "../db/order-queries.ts";
import { batches, customers, orders } from "../db/schema.ts";
import { canChangeOrderStatus, type OrderStatus } from "../domain/lifecycle.ts";
import type { CoreContext } from "./context.ts";
import { conflict, notFound } from "./errors.ts";
import { orderStatusNotification } from "./order-status-news.ts";

export interface ChangeOrderStatusInput {
  businessId: number;
  /** The order, by id (API) or by the number people see (chat). */
  order: { id: number } | { number: number };
  status: OrderStatus;
  /** When set, the order must belong to this phone (a customer acting on its own order). */
  phone?: string;
}

/**
 * Moves one order along its lifecycle and tells its customer, in one transaction. Placing happens only by
 * closing the batch, so it is refused here.
 */
export async function changeOrderStatus(context: CoreContext, input: ChangeOrderStatusInput): Promise<OrderView> {
  const now = context.now();
  const orderId = await context.db.transaction(async (tx) => {
    const [order] = await tx
      .select({
        id: orders.id,
        number: orders.number,
        status: orders.status,
        phone: customers.phone,
        batchNumber: batches.number,
      })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .innerJoin(batches, eq(batches.id, orders.batchId))
      .where(
        and(
          eq(orders.businessId, input.businessId),
          "id" in input.order ? eq(orders.id, input.order.id) : eq(orders.number, input.order.number),
        ),
      )
      .for("update", { of: orders });
    if (!order || (input.phone !== undefined && order.phone !== input.phone)) {
      throw notFound("order_not_found", "order not found");
    }
    const from = order.status as OrderStatus;
    if (input.status === "placed") {
      throw conflict("placed_by_close", "orders are placed by closing their batch");
    }
    if (!canChangeOrderStatus(from, input.status)) {
      throw conflict("invalid_transition", `order #${order.number} is ${from} and cannot become ${input.status}`, {
        entity: "order",
        number: order.number,
        from,
        to: input.status,
      });
    }
    await tx
      .update(orders)
      .set({ status: input.status, updatedAt: now, ...(input.status === "delivered" ? { deliveredAt: now } : {}) })
      .where(eq(orders.id, order.id));
    await queueNotifications(tx, [
      orderStatusNotification({
        businessId: input.businessId,
        phone: order.phone,
        orderId: order.id,
        orderNumber: order.number,
        batchNumber: order.batchNumber,
        status: input.status,
      }),
    ]);
    return order.id;
  });
  context.emit("notifications_queued");
  if (input.status === "cancelled") context.emit("order_cancelled");
  const [order] = await findOrders(context.db, { businessId: input.businessId, orderIds: [orderId] });
  if (!order) throw new Error(`order ${orderId} vanished`);
  return order;
}
