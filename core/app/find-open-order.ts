import { sql } from "drizzle-orm";
import { type Executor, selectRows } from "../db/database.ts";

/** A customer's order still open to changes: received, in the open batch. */
export interface EditableOrder {
  id: number;
  number: number;
}

/**
 * The customer's editable order (sisconf_editable_order in migrations/), locked for update; with `onlyOrderId`,
 * only if it is still that order (the one the customer was asked about).
 */
export async function lockEditableOrder(
  executor: Executor,
  input: { businessId: number; phone: string; onlyOrderId?: number | undefined },
): Promise<EditableOrder | undefined> {
  // The lock re-reads the row: an order that stopped being received meanwhile (its batch closed) is not taken.
  const [order] = await selectRows<EditableOrder>(
    executor,
    sql`select o.id, o.number from orders o
      where o.id = (select order_id from sisconf_editable_order(${input.businessId}, ${input.phone}))
        and o.status = 'received' and (${input.onlyOrderId ?? null}::integer is null or o.id = ${input.onlyOrderId ?? null})
      for update`,
  );
  return order;
}
