import { and, eq } from "drizzle-orm";
import { getOrderNewsDelivery } from "../../../core/app/get-order-news-delivery.ts";
import { findOrders } from "../../../core/db/order-queries.ts";
import { orders } from "../../../core/db/schema.ts";
import { formatAddress } from "../../../core/domain/delivery.ts";
import type { Turn } from "../turn.ts";

/**
 * "pedido 42" (entrepreneur): the order with its delivery, delivered quantities, final total, payment, and how far
 * the customer's last news got (delivered, read).
 */
export async function showOrder(turn: Turn, orderNumber: number): Promise<string[]> {
  const { input, messages } = turn;
  const [row] = await input.context.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.businessId, input.businessId), eq(orders.number, orderNumber)));
  const [order] = row ? await findOrders(input.context.db, { businessId: input.businessId, orderIds: [row.id] }) : [];
  if (!order) return [messages.orderNotFound(orderNumber)];
  const news = await getOrderNewsDelivery(input.context, input.businessId, orderNumber);
  return [
    messages.orderDetails({
      number: order.number,
      name: order.customerName,
      phone: order.phone,
      status: order.status,
      lines: order.items.map((item) => ({
        name: item.name,
        unit: item.unit,
        quantityMilli: item.quantityMilli,
        deliveredMilli: item.deliveredQuantityMilli,
      })),
      totalCents: order.totalCents,
      delivery: {
        kind: order.delivery.kind,
        address: order.delivery.address ? formatAddress(order.delivery.address) : null,
        feeCents: order.delivery.feeCents,
      },
      finalTotalCents: order.finalTotalCents,
      paidAt: order.payment.status === "paid" ? order.payment.paidAt : null,
      news: news ? { state: news.state, status: news.newsStatus } : null,
    }),
  ];
}
