import type { BatchView } from "../app/get-batch.ts";
import type { OrderView } from "../db/order-queries.ts";
import { formatCents } from "../domain/money.ts";
import { milliToNumber } from "../domain/quantity.ts";

/** The API's shapes: money as decimal strings ("7.50"), quantities as numbers in the product's unit. */
export function orderJson(order: OrderView) {
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
    items: order.items.map((item) => ({
      sku: item.sku,
      name: item.name,
      quantity: milliToNumber(item.quantityMilli),
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
