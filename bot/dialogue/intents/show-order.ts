import { getOrder } from "../../../core/app/get-order.ts";
import { getOrderNewsDelivery } from "../../../core/app/get-order-news-delivery.ts";
import { formatAddress } from "../../../core/domain/delivery.ts";
import type { Turn } from "../turn.ts";

/**
 * "pedido 42" (entrepreneur): the order with its delivery, delivered quantities, final total, payment, and how far
 * the customer's last news got (delivered, read).
 */
export async function showOrder(turn: Turn, orderNumber: number): Promise<string[]> {
  const { input, messages } = turn;
  const order = await getOrder(input.context, input.businessId, { number: orderNumber });
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
