import { listDeliveredOrdersOf, type OrderView } from "../../../core/app/list-orders.ts";
import type { Turn } from "../turn.ts";

/**
 * The money side of "meus pedidos": the final total and payment of the open orders weighed, and of the delivered
 * orders still to pay (so a customer who owes sees it). Empty when there is nothing to say.
 */
export async function orderMoneyNote(turn: Turn, open: readonly OrderView[]): Promise<string[]> {
  const { input, messages } = turn;
  const delivered = await listDeliveredOrdersOf(input.context, input.businessId, input.phone);
  const owed = delivered.filter((order) => order.payment.status === "pending");
  const shown = [...open.filter((order) => order.finalTotalCents !== null || order.payment.status === "paid"), ...owed];
  if (shown.length === 0) return [];
  return [
    messages.orderMoney(
      shown.map((order) => ({
        number: order.number,
        finalTotalCents: order.finalTotalCents,
        paid: order.payment.status === "paid",
      })),
    ),
  ];
}
