import type { BatchView } from "../app/get-batch.ts";
import type { CustomerView } from "../app/list-customers.ts";
import type { OrderView } from "../app/list-orders.ts";
import type { UnpaidOrder } from "../app/list-unpaid-orders.ts";
import type { DeliveryAddress, DeliveryKind } from "../domain/delivery.ts";
import { formatCents } from "../domain/money.ts";
import { orderPixCode, type PixSettings } from "../domain/pix.ts";
import { milliToNumber } from "../domain/quantity.ts";

/**
 * The API's shapes: money as decimal strings ("7.50"), quantities as numbers in the product's unit. An order waiting
 * for its payment carries the Pix "copia e cola" for its final total when Pix is configured.
 */
export function orderJson(order: OrderView, pix: PixSettings | null) {
  const pixCode = order.payment.status === "pending" ? orderPixCode(pix, order) : null;
  return {
    id: order.id,
    number: order.number,
    phone: order.phone,
    customerName: order.customerName,
    status: order.status,
    batchId: order.batchId,
    batchNumber: order.batchNumber,
    total: formatCents(order.totalCents),
    confirmedAt: order.confirmedAt.toISOString(),
    delivery: deliveryJson(order.delivery),
    finalTotal: order.finalTotalCents === null ? null : formatCents(order.finalTotalCents),
    payment: {
      status: order.payment.status,
      ...(order.payment.paidAt ? { paidAt: order.payment.paidAt.toISOString() } : {}),
      ...(pixCode ? { pix: pixCode } : {}),
    },
    items: order.items.map((item) => ({
      sku: item.sku,
      name: item.name,
      quantity: milliToNumber(item.quantityMilli),
      deliveredQuantity: item.deliveredQuantityMilli === null ? null : milliToNumber(item.deliveredQuantityMilli),
      unit: item.unit,
      unitPrice: formatCents(item.unitPriceCents),
      total: formatCents(item.totalCents),
      provider: item.providerKey,
    })),
  };
}

export function batchJson(batch: BatchView) {
  return {
    id: batch.id,
    number: batch.number,
    status: batch.status,
    openedAt: batch.openedAt.toISOString(),
    closedAt: batch.closedAt?.toISOString() ?? null,
    counts: { orders: batch.orders, items: batch.items },
    total: formatCents(batch.totalCents),
    providers: batch.providers.map((provider) => ({
      provider: provider.provider,
      name: provider.providerName,
      items: provider.items,
      total: formatCents(provider.totalCents),
    })),
    sheets: batch.sheets.map((sheet) => ({
      id: sheet.id,
      kind: sheet.kind,
      provider: sheet.provider,
      status: sheet.status,
      url: sheet.url,
      ...(sheet.error ? { error: sheet.error } : {}),
    })),
  };
}

export function unpaidOrderJson(order: UnpaidOrder) {
  return {
    id: order.id,
    number: order.number,
    batchNumber: order.batchNumber,
    phone: order.phone,
    customerName: order.customerName,
    amountDue: formatCents(order.amountDueCents),
    finalTotalKnown: order.finalTotalKnown,
    deliveredAt: order.deliveredAt.toISOString(),
    daysSinceDelivery: order.daysSinceDelivery,
  };
}

/** Where an order goes, or where a customer receives its orders: an address only for a delivery. */
function deliveryJson(delivery: { kind: DeliveryKind; address?: DeliveryAddress | null; feeCents: number }) {
  return {
    kind: delivery.kind,
    ...(delivery.address ? { address: delivery.address } : {}),
    fee: formatCents(delivery.feeCents),
  };
}

export function customerJson(customer: CustomerView) {
  return {
    phone: customer.phone,
    name: customer.name,
    delivery: customer.delivery && deliveryJson(customer.delivery),
    announcementsStoppedAt: customer.announcementsStoppedAt?.toISOString() ?? null,
    amountDue: formatCents(customer.amountDueCents),
    unpaidOrders: customer.unpaidOrders,
  };
}
