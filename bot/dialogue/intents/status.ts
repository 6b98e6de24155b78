import { listOpenOrdersOf } from "../../../core/app/list-orders.ts";
import { orderSummary } from "../order-views.ts";
import type { IntentHandler } from "../turn.ts";

/** "cadê meu pedido?": each order not yet delivered, its items and its status in words. */
export const status: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const orders = await listOpenOrdersOf(input.context, input.businessId, input.phone);
  if (orders.length === 0) return [messages.statusNone()];
  return [
    messages.statusList(
      orders.map((order) => ({
        number: order.number,
        status: order.status,
        summary: orderSummary(order, input.catalog),
      })),
    ),
  ];
};
