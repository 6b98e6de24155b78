import type { OrderView } from "../db/order-queries.ts";
import { changeOrderStatus } from "./change-order-status.ts";
import type { CoreContext } from "./context.ts";
import { requireEditableOrder } from "./find-open-order.ts";

/**
 * Cancels the customer's order that is still open to changes (what "cancelar" in chat does); with `onlyOrderId`,
 * only if it is still the order the customer was asked about.
 */
export async function cancelOrder(
  context: CoreContext,
  input: { businessId: number; phone: string; onlyOrderId?: number | undefined },
): Promise<OrderView> {
  const order = await requireEditableOrder(context.db, input, "there is no order that can still be cancelled");
  return changeOrderStatus(context, {
    businessId: input.businessId,
    order: { id: order.id },
    status: "cancelled",
    phone: input.phone,
  });
}
