import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { OrderDelivery } from "../domain/delivery.ts";
import type { OrderStatus } from "../domain/lifecycle.ts";
import type { PaymentStatus } from "../domain/payment.ts";
import type { Unit } from "../domain/units.ts";
import type { Executor } from "./database.ts";
import { customers, orders } from "./schema.ts";

export interface OrderItemView {
  sku: string;
  name: string;
  unit: Unit;
  quantityMilli: number;
  /** What was really delivered after weighing; null until recorded. */
  deliveredQuantityMilli: number | null;
  unitPriceCents: number;
  totalCents: number;
  providerKey: string;
  providerName: string;
}

export interface OrderView {
  id: number;
  number: number;
  phone: string;
  customerName: string | null;
  customerLocale: string;
  status: OrderStatus;
  batchId: number;
  batchNumber: number;
  totalCents: number;
  confirmedAt: Date;
  delivery: OrderDelivery;
  /** The lines as delivered (or as ordered) plus the fee; null until delivered quantities are recorded. */
  finalTotalCents: number | null;
  payment: { status: PaymentStatus; paidAt: Date | null };
  deliveredAt: Date | null;
  items: OrderItemView[];
}

export interface OrderFilter {
  businessId: number;
  orderIds?: readonly number[];
  /** The number people know an order by. */
  number?: number;
  batchId?: number;
  status?: OrderStatus;
  statuses?: readonly OrderStatus[];
  phone?: string;
}

/** Orders with their items, newest number last, in one query (each built by sisconf_order_view in core/db/functions/). */
export async function findOrders(executor: Executor, filter: OrderFilter): Promise<OrderView[]> {
  const conditions: SQL[] = [eq(orders.businessId, filter.businessId)];
  if (filter.orderIds) conditions.push(inArray(orders.id, [...filter.orderIds]));
  if (filter.number !== undefined) conditions.push(eq(orders.number, filter.number));
  if (filter.batchId !== undefined) conditions.push(eq(orders.batchId, filter.batchId));
  if (filter.status !== undefined) conditions.push(eq(orders.status, filter.status));
  if (filter.statuses) conditions.push(inArray(orders.status, [...filter.statuses]));
  if (filter.phone !== undefined) {
    // The customer found first by its unique index, then its orders by theirs: the plan does not depend on the
    // statistics of a table that grows by the thousand each batch.
    const customer = executor
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.businessId, filter.businessId), eq(customers.phone, filter.phone)));
    conditions.push(eq(orders.customerId, sql`(${customer})`));
  }
  if (filter.orderIds?.length === 0 || filter.statuses?.length === 0) return [];
  const rows = await executor
    .select({ view: sql<StoredOrderView>`sisconf_order_view(${orders.id})` })
    .from(orders)
    .where(and(...conditions))
    .orderBy(asc(orders.number));
  return rows.map((row) => orderViewOf(row.view));
}

/** OrderView as sisconf_order_view writes it in JSON. */
export type StoredOrderView = Omit<OrderView, "confirmedAt" | "payment" | "deliveredAt"> & {
  confirmedAt: string;
  payment: { status: PaymentStatus; paidAt: string | null };
  deliveredAt: string | null;
};

export function orderViewOf(stored: StoredOrderView): OrderView {
  return {
    ...stored,
    confirmedAt: new Date(stored.confirmedAt),
    payment: { ...stored.payment, paidAt: stored.payment.paidAt === null ? null : new Date(stored.payment.paidAt) },
    deliveredAt: stored.deliveredAt === null ? null : new Date(stored.deliveredAt),
  };
}
