import { and, eq } from "drizzle-orm";
import { queueNotifications } from "../db/notification-queries.ts";
import { batches, customers, orderItems, orders, products } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

/**
 * Queues a notice to each customer whose order still open to changes holds the product that just ran out, in the
 * caller's transaction (the context's executor): the item stays in the order (the customer decides), and the notice is keyed by order and
 * product so marking it out again does not tell anyone twice. Answers how many customers were told.
 */
export async function tellCustomersSoldOut(
  context: CoreContext,
  input: { businessId: number; sku: string; productName: string },
): Promise<number> {
  const holders = await context.db
    .select({ orderId: orders.id, orderNumber: orders.number, phone: customers.phone })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .innerJoin(batches, eq(batches.id, orders.batchId))
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(
      and(
        eq(orders.businessId, input.businessId),
        eq(orders.status, "received"),
        eq(batches.status, "open"),
        eq(products.sku, input.sku),
      ),
    );
  // Keyed by the moment too: a product that comes back and runs out again is news again.
  const stamp = context.now().toISOString();
  await queueNotifications(
    context.db,
    holders.map((holder) => ({
      businessId: input.businessId,
      phone: holder.phone,
      payload: { kind: "product_sold_out", orderNumber: holder.orderNumber, productName: input.productName },
      dedupeKey: `sold-out:${holder.orderId}:${input.sku}:${stamp}`,
    })),
  );
  if (holders.length > 0) context.emit("notifications_queued");
  return holders.length;
}
