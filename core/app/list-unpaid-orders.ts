import { and, asc, eq, inArray } from "drizzle-orm";
import { batches, customers, orders } from "../db/schema.ts";
import { amountDue } from "../domain/payment.ts";
import type { CoreContext } from "./context.ts";

export interface UnpaidOrder {
  id: number;
  number: number;
  batchNumber: number;
  phone: string;
  customerName: string | null;
  /** The final total, or the order as ordered plus its fee while no delivered quantity is recorded. */
  amountDueCents: number;
  /** False while the amount is the ordered one (no delivered quantities recorded). */
  finalTotalKnown: boolean;
  deliveredAt: Date;
  /** Whole days since the order was delivered. */
  daysSinceDelivery: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * "quem falta pagar": the delivered orders not paid, longest owed first, with what each owes; only those of
 * `phones` when given (a page of customers).
 */
export async function listUnpaidOrders(
  context: CoreContext,
  businessId: number,
  phones?: readonly string[],
): Promise<{ orders: UnpaidOrder[]; totalDueCents: number }> {
  const now = context.now();
  const rows = await context.db
    .select({
      id: orders.id,
      number: orders.number,
      batchNumber: batches.number,
      phone: customers.phone,
      customerName: customers.name,
      totalCents: orders.totalCents,
      deliveryFeeCents: orders.deliveryFeeCents,
      finalTotalCents: orders.finalTotalCents,
      deliveredAt: orders.deliveredAt,
      updatedAt: orders.updatedAt,
    })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(batches, eq(batches.id, orders.batchId))
    .where(
      and(
        eq(orders.businessId, businessId),
        eq(orders.status, "delivered"),
        eq(orders.paymentStatus, "pending"),
        phones ? inArray(customers.phone, [...phones]) : undefined,
      ),
    )
    .orderBy(asc(orders.deliveredAt), asc(orders.number));
  const unpaid = rows.map((row) => {
    const deliveredAt = row.deliveredAt ?? row.updatedAt;
    return {
      id: row.id,
      number: row.number,
      batchNumber: row.batchNumber,
      phone: row.phone,
      customerName: row.customerName,
      amountDueCents: amountDue(row),
      finalTotalKnown: row.finalTotalCents !== null,
      deliveredAt,
      daysSinceDelivery: Math.max(0, Math.floor((now.getTime() - deliveredAt.getTime()) / DAY_MS)),
    };
  });
  return { orders: unpaid, totalDueCents: unpaid.reduce((sum, order) => sum + order.amountDueCents, 0) };
}
