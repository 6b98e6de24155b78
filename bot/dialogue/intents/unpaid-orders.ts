import { listUnpaidOrders } from "../../../core/app/list-unpaid-orders.ts";
import type { Turn } from "../turn.ts";

/** "quem falta pagar": the delivered orders not paid, longest owed first, with amounts and days since delivery. */
export async function unpaidOrders(turn: Turn): Promise<string[]> {
  const { input, messages } = turn;
  const unpaid = await listUnpaidOrders(input.context, input.businessId);
  if (unpaid.orders.length === 0) return [messages.unpaidNone()];
  return [
    messages.unpaidList(
      unpaid.orders.map((order) => ({
        number: order.number,
        name: order.customerName,
        phone: order.phone,
        amountDueCents: order.amountDueCents,
        finalTotalKnown: order.finalTotalKnown,
        days: order.daysSinceDelivery,
      })),
      unpaid.totalDueCents,
    ),
  ];
}
