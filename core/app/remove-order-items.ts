import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import { findOrders, type OrderView } from "../db/order-queries.ts";
import { orderItems, orders, products } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";
import { invalidInput } from "./errors.ts";
import { requireEditableOrder } from "./find-open-order.ts";

export interface ItemsRemoved {
  /** The order after the change; cancelled when nothing was left in it. */
  order: OrderView;
  removed: string[];
  /** Skus the customer named that were not in the order. */
  notInOrder: string[];
}

/**
 * Takes products out of the customer's editable order; an order left empty is cancelled. With `onlyOrderId`, only
 * if it is still that order (the one the customer saw).
 */
export async function removeOrderItems(
  context: CoreContext,
  input: { businessId: number; phone: string; skus: readonly string[]; onlyOrderId?: number | undefined },
): Promise<ItemsRemoved> {
  if (input.skus.length === 0) throw invalidInput("no_items", "name at least one product to remove");
  const now = context.now();
  const result = await context.db.transaction(async (tx) => {
    const order = await requireEditableOrder(tx, input, "there is no order to change in the open batch");
    const skus = [...new Set(input.skus)];
    const lines = await tx
      .select({ id: orderItems.id, sku: products.sku })
      .from(orderItems)
      .innerJoin(products, eq(products.id, orderItems.productId))
      .where(and(eq(orderItems.orderId, order.id), inArray(products.sku, skus)));
    if (lines.length > 0) {
      await tx.delete(orderItems).where(
        inArray(
          orderItems.id,
          lines.map((line) => line.id),
        ),
      );
    }
    const [left] = await tx
      .select({ id: orderItems.id })
      .from(orderItems)
      .where(eq(orderItems.orderId, order.id))
      .limit(1);
    if (!left) {
      await tx.update(orders).set({ status: "cancelled", updatedAt: now }).where(eq(orders.id, order.id));
    }
    await refreshOrderTotal(tx, order.id, now);
    const removed = lines.map((line) => line.sku);
    return { orderId: order.id, removed, notInOrder: skus.filter((sku) => !removed.includes(sku)), emptied: !left };
  });
  if (result.emptied) context.emit("order_cancelled");
  const [order] = await findOrders(context.db, { businessId: input.businessId, orderIds: [result.orderId] });
  if (!order) throw new Error(`order ${result.orderId} vanished`);
  return { order, removed: result.removed, notInOrder: result.notInOrder };
}

/** Recomputes the stored total from the lines that are left. */
async function refreshOrderTotal(tx: Tx, orderId: number, now: Date): Promise<void> {
  await tx
    .update(orders)
    .set({
      totalCents: sql`(select coalesce(sum(${orderItems.totalCents}), 0) from ${orderItems} where ${orderItems.orderId} = ${orders.id})`,
      updatedAt: now,
    })
    .where(eq(orders.id, orderId));
}
