import { sql } from "drizzle-orm";
import type { CoreContext } from "./context.ts";

export interface PaymentTotals {
  /** Delivered orders not paid: what customers owe now. */
  due: { orders: number; cents: number };
  /** Every order paid so far. */
  paid: { orders: number; cents: number };
}

/**
 * What customers owe and what they paid, over every business, for the metrics. An order's amount is its final total,
 * or as ordered plus its fee while no delivered quantity is recorded (amountDue in core/domain/payment.ts).
 */
export async function getPaymentTotals(context: CoreContext): Promise<PaymentTotals> {
  const rows = await context.db
    .select({
      due: sql<boolean>`payment_status = 'pending'`,
      orders: sql<string>`count(*)`,
      cents: sql<string>`coalesce(sum(coalesce(final_total_cents, total_cents + delivery_fee_cents)), 0)`,
    })
    .from(sql`orders`)
    // The unpaid ones come from the orders_unpaid index; the paid ones are read whole, once per scrape.
    .where(sql`(status = 'delivered' and payment_status = 'pending') or payment_status = 'paid'`)
    .groupBy(sql`1`);
  const totals: PaymentTotals = { due: { orders: 0, cents: 0 }, paid: { orders: 0, cents: 0 } };
  for (const row of rows) totals[row.due ? "due" : "paid"] = { orders: Number(row.orders), cents: Number(row.cents) };
  return totals;
}
