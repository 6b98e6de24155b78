import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { OrderStatus } from "../domain/lifecycle.ts";
import type { Unit } from "../domain/units.ts";
import type { Executor } from "./database.ts";
import { batches, customers, orderItems, orders, products, providers } from "./schema.ts";

export interface OrderItemView {
  sku: string;
  name: string;
  unit: Unit;
  quantityMilli: number;
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
  items: OrderItemView[];
}

export interface OrderFilter {
  businessId: number;
  orderIds?: readonly number[];
  batchId?: number;
  status?: OrderStatus;
  statuses?: readonly OrderStatus[];
  phone?: string;
  number?: number;
}

/** Orders with their items, newest number last; one query for the orders and one for all their items. */
export async function findOrders(executor: Executor, filter: OrderFilter): Promise<OrderView[]> {
  const conditions: SQL[] = [eq(orders.businessId, filter.businessId)];
  if (filter.orderIds) conditions.push(inArray(orders.id, [...filter.orderIds]));
  if (filter.batchId !== undefined) conditions.push(eq(orders.batchId, filter.batchId));
  if (filter.status !== undefined) conditions.push(eq(orders.status, filter.status));
  if (filter.statuses) conditions.push(inArray(orders.status, [...filter.statuses]));
  if (filter.phone !== undefined) conditions.push(eq(customers.phone, filter.phone));
  if (filter.number !== undefined) conditions.push(eq(orders.number, filter.number));
  if (filter.orderIds?.length === 0 || filter.statuses?.length === 0) return [];

  const rowsQuery = executor
    .select({
      id: orders.id,
      number: orders.number,
      phone: customers.phone,
      customerName: customers.name,
      customerLocale: customers.locale,
      status: orders.status,
      batchId: orders.batchId,
      batchNumber: batches.number,
      totalCents: orders.totalCents,
      confirmedAt: orders.confirmedAt,
    })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(batches, eq(batches.id, orders.batchId))
    .where(and(...conditions))
    .orderBy(asc(orders.number));
  const itemsQuery = (orderIds: number[]) =>
    executor
      .select({
        orderId: orderItems.orderId,
        sku: products.sku,
        name: products.name,
        unit: products.unit,
        quantityMilli: orderItems.quantityMilli,
        unitPriceCents: orderItems.unitPriceCents,
        totalCents: orderItems.totalCents,
        providerKey: providers.key,
        providerName: providers.name,
      })
      .from(orderItems)
      .innerJoin(products, eq(products.id, orderItems.productId))
      .innerJoin(providers, eq(providers.id, orderItems.providerId))
      .where(inArray(orderItems.orderId, orderIds))
      .orderBy(asc(orderItems.id));
  // With the ids known, both queries go out together.
  const [rows, itemRows] = filter.orderIds
    ? await Promise.all([rowsQuery, itemsQuery([...filter.orderIds])])
    : await rowsQuery.then(
        async (found) => [found, found.length > 0 ? await itemsQuery(found.map((row) => row.id)) : []] as const,
      );
  if (rows.length === 0) return [];

  const itemsByOrder = new Map<number, OrderItemView[]>();
  for (const { orderId, ...item } of itemRows) {
    const list = itemsByOrder.get(orderId) ?? [];
    list.push({ ...item, unit: item.unit as Unit });
    itemsByOrder.set(orderId, list);
  }
  return rows.map((row) => ({
    ...row,
    status: row.status as OrderStatus,
    items: itemsByOrder.get(row.id) ?? [],
  }));
}
