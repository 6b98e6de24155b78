import { and, eq } from "drizzle-orm";
import { findOrders, type OrderView } from "../db/order-queries.ts";
import { orders } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

/** One order of the business as shown, by its id or by the number people know it by; undefined when there is none. */
export async function getOrder(
  context: CoreContext,
  businessId: number,
  key: { id: number } | { number: number },
): Promise<OrderView | undefined> {
  let id: number;
  if ("id" in key) {
    id = key.id;
  } else {
    const [row] = await context.db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.businessId, businessId), eq(orders.number, key.number)));
    if (!row) return undefined;
    id = row.id;
  }
  const [order] = await findOrders(context.db, { businessId, orderIds: [id] });
  return order;
}
