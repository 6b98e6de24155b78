import type { Cents } from "./money.ts";

export const PAYMENT_STATUSES = ["pending", "paid"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * What the customer owes for an order: its final total once delivered quantities are recorded, until then what it
 * would be if everything were delivered as ordered.
 */
export function amountDue(order: { totalCents: Cents; finalTotalCents: Cents | null; deliveryFeeCents: Cents }): Cents {
  return order.finalTotalCents ?? order.totalCents + order.deliveryFeeCents;
}
