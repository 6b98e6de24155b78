import { findOrders, type OrderView } from "../db/order-queries.ts";
import type { CoreContext } from "./context.ts";

/** One order of the business as shown, by its id or by the number people know it by; undefined when there is none. */
export async function getOrder(
  context: CoreContext,
  businessId: number,
  key: { id: number } | { number: number },
): Promise<OrderView | undefined> {
  const [order] = await findOrders(context.db, {
    businessId,
    ...("id" in key ? { orderIds: [key.id] } : { number: key.number }),
  });
  return order;
}
