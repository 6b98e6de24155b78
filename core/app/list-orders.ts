import { findOrders, type OrderView } from "../db/order-queries.ts";
import { isOrderStatus, type OrderStatus } from "../domain/lifecycle.ts";
import type { CoreContext } from "./context.ts";
import { invalidInput } from "./errors.ts";
import { requireCustomerKey } from "./validation.ts";

// How the core shows an order, for those who reach it through its use cases (the bot, the API).
export type { OrderItemView, OrderView } from "../db/order-queries.ts";

export interface ListOrdersInput {
  businessId: number;
  batchId?: number | undefined;
  status?: string | undefined;
  phone?: string | undefined;
}

export async function listOrders(context: CoreContext, input: ListOrdersInput): Promise<OrderView[]> {
  let status: OrderStatus | undefined;
  if (input.status !== undefined) {
    if (!isOrderStatus(input.status)) throw invalidInput("invalid_status", `unknown order status "${input.status}"`);
    status = input.status;
  }
  const phone = input.phone === undefined ? undefined : requireCustomerKey(input.phone);
  return findOrders(context.db, { businessId: input.businessId, batchId: input.batchId, status, phone });
}

/** What "cadê meu pedido?" answers: the customer's orders that are not delivered nor cancelled. */
export async function listOpenOrdersOf(context: CoreContext, businessId: number, phone: string): Promise<OrderView[]> {
  return findOrders(context.db, {
    businessId,
    phone,
    statuses: ["received", "placed", "on_the_way", "arrived"],
  });
}

/** The customer's delivered orders: those still to pay are the money "meus pedidos" tells of. */
export async function listDeliveredOrdersOf(
  context: CoreContext,
  businessId: number,
  phone: string,
): Promise<OrderView[]> {
  return findOrders(context.db, { businessId, phone, status: "delivered" });
}
