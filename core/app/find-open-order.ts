import { sql } from "drizzle-orm";
import { type Executor, selectRows } from "../db/database.ts";
import { conflict, notFound } from "./errors.ts";

/** A customer's order still open to changes: received, in the open batch. */
export interface EditableOrder {
  id: number;
  number: number;
}

/**
 * The customer's editable order (sisconf_editable_order in core/db/functions/), locked for update; with `onlyOrderId`,
 * only if it is still that order (the one the customer was asked about).
 */
async function lockEditableOrder(
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

/**
 * lockEditableOrder for a change that needs the order: without one it is refused, as `order_closed` when the order
 * the customer was asked about (`onlyOrderId`) is no longer open to changes, else as `no_editable_order`.
 */
export async function requireEditableOrder(
  executor: Executor,
  input: { businessId: number; phone: string; onlyOrderId?: number | undefined },
  missing: string,
): Promise<EditableOrder> {
  const order = await lockEditableOrder(executor, input);
  if (order) return order;
  if (input.onlyOrderId !== undefined) throw conflict("order_closed", "the order is no longer open to changes");
  throw notFound("no_editable_order", missing);
}
