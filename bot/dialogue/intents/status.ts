import { listOpenOrdersOf } from "../../../core/app/list-orders.ts";
import { batchClosesAt } from "../batch-closes-at.ts";
import { orderSummary } from "../order-views.ts";
import type { IntentHandler } from "../turn.ts";
import { orderMoneyNote } from "./order-money.ts";

/** "cadê meu pedido?": each order not yet delivered, its items and its status in words, and when the batch closes. */
export const status: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const orders = await listOpenOrdersOf(input.context, input.businessId, input.phone);
  const closes = await batchClosesAt(turn);
  const money = await orderMoneyNote(turn, orders);
  if (orders.length === 0 && money.length > 0) return money;
  const answer =
    orders.length === 0
      ? messages.statusNone()
      : messages.statusList(
          orders.map((order) => ({
            number: order.number,
            status: order.status,
            summary: orderSummary(order, input.catalog),
          })),
        );
  return [closes ? `${answer}\n\n${closes}` : answer, ...money];
};
