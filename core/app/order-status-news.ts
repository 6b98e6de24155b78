import { and, eq } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import { type NewNotification, queueNotifications } from "../db/notification-queries.ts";
import { customers, orders } from "../db/schema.ts";
import type { OrderStatus } from "../domain/lifecycle.ts";

export interface OrderStatusNews {
  businessId: number;
  phone: string;
  orderId: number;
  orderNumber: number;
  batchNumber: number;
  status: OrderStatus;
}

/** What tells a customer its order's new status; keyed by order and status, so telling it twice queues it once. */
export function orderStatusNotification(news: OrderStatusNews): NewNotification {
  return {
    businessId: news.businessId,
    phone: news.phone,
    payload: {
      kind: "order_status",
      orderNumber: news.orderNumber,
      status: news.status,
      batchNumber: news.batchNumber,
    },
    dedupeKey: `order:${news.orderId}:${news.status}`,
  };
}

/**
 * Moves every order of a batch that is `from` to `to` and queues the news for each customer, in the caller's
 * transaction (closing a batch, moving it along). Answers how many orders moved.
 */
export async function advanceBatchOrders(
  tx: Tx,
  input: { businessId: number; batchId: number; batchNumber: number; from: OrderStatus; to: OrderStatus; now: Date },
): Promise<number> {
  const moved = await tx
    .update(orders)
    .set({ status: input.to, updatedAt: input.now, ...(input.to === "delivered" ? { deliveredAt: input.now } : {}) })
    .from(customers)
    .where(and(eq(customers.id, orders.customerId), eq(orders.batchId, input.batchId), eq(orders.status, input.from)))
    .returning({ id: orders.id, number: orders.number, phone: customers.phone });
  await queueNotifications(
    tx,
    moved.map((order) =>
      orderStatusNotification({
        businessId: input.businessId,
        phone: order.phone,
        orderId: order.id,
        orderNumber: order.number,
        batchNumber: input.batchNumber,
        status: input.to,
      }),
    ),
  );
  return moved.length;
}
