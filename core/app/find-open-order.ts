import { and, eq } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { batches, customers, orders } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

/** The customer's order still open to changes (status received, in the open batch), locked for update. */
export async function lockEditableOrder(
  executor: Executor,
  businessId: number,
  phone: string,
): Promise<{ id: number; number: number } | undefined> {
  const [order] = await editableOrderQuery(executor, businessId, phone).for("update", { of: orders });
  return order;
}

/** The same, only to know whether there is one (the dialogue asks this on most messages). */
export async function findEditableOrder(
  context: CoreContext,
  businessId: number,
  phone: string,
): Promise<{ id: number; number: number } | undefined> {
  const [order] = await editableOrderQuery(context.db, businessId, phone);
  return order;
}

function editableOrderQuery(executor: Executor, businessId: number, phone: string) {
  return executor
    .select({ id: orders.id, number: orders.number })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(batches, eq(batches.id, orders.batchId))
    .where(
      and(
        eq(orders.businessId, businessId),
        eq(customers.phone, phone),
        eq(orders.status, "received"),
        eq(batches.status, "open"),
      ),
    );
}
