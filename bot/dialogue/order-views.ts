import type { OrderView } from "../../core/app/list-orders.ts";
import { lineTotal } from "../../core/domain/money.ts";
import type { Understanding } from "../understand/understand-message.ts";
import type { CatalogSnapshot } from "./catalog-cache.ts";
import type { Messages, OrderChange, OrderSummary } from "./messages/messages.ts";
import type { OrderLine } from "./plan-change.ts";

/** A draft's lines priced from the catalog as it is now. */
export function draftSummary(lines: readonly OrderLine[], catalog: CatalogSnapshot): OrderSummary {
  const summaryLines = lines.flatMap((item) => {
    const product = catalog.bySku.get(item.sku);
    if (!product) return [];
    return [
      {
        name: product.name,
        unit: product.unit,
        quantityMilli: item.quantityMilli,
        totalCents: lineTotal(product.priceCents, item.quantityMilli),
      },
    ];
  });
  return { lines: summaryLines, totalCents: summaryLines.reduce((total, line) => total + line.totalCents, 0) };
}

/** A placed order's lines; with the catalog, those whose product ran out are marked so. */
export function orderSummary(order: OrderView, catalog?: CatalogSnapshot): OrderSummary {
  return {
    number: order.number,
    totalCents: order.totalCents,
    lines: order.items.map((item) => ({
      name: item.name,
      unit: item.unit,
      quantityMilli: item.quantityMilli,
      totalCents: item.totalCents,
      ...(catalog?.bySku.get(item.sku)?.available === false ? { unavailable: true } : {}),
    })),
  };
}

/**
 * What a change does to a confirmed order, line by line (before → after), and the total it would have: lines kept as
 * they are keep their price; a changed or new line is priced from the catalog now, as confirming it will.
 */
export function orderChange(
  order: OrderView,
  after: readonly OrderLine[],
  catalog: CatalogSnapshot,
): { changes: OrderChange[]; totalCents: number } {
  const changes: OrderChange[] = [];
  let totalCents = 0;
  const afterBySku = new Map(after.map((line) => [line.sku, line.quantityMilli]));
  for (const item of order.items) {
    const quantityMilli = afterBySku.get(item.sku) ?? 0;
    if (quantityMilli === item.quantityMilli) {
      totalCents += item.totalCents;
      continue;
    }
    changes.push({ name: item.name, unit: item.unit, beforeMilli: item.quantityMilli, afterMilli: quantityMilli });
    if (quantityMilli > 0)
      totalCents += lineTotal(catalog.bySku.get(item.sku)?.priceCents ?? item.unitPriceCents, quantityMilli);
  }
  for (const line of after) {
    if (order.items.some((item) => item.sku === line.sku)) continue;
    const product = catalog.bySku.get(line.sku);
    if (!product) continue;
    changes.push({ name: product.name, unit: product.unit, beforeMilli: 0, afterMilli: line.quantityMilli });
    totalCents += lineTotal(product.priceCents, line.quantityMilli);
  }
  return { changes, totalCents };
}

/** What could not be read in an order message: unknown products, quantities to ask about, refused quantities. */
export function readingProblems(understanding: Understanding, catalog: CatalogSnapshot, messages: Messages): string[] {
  const notes: string[] = [];
  if (understanding.unknown.length > 0) {
    notes.push(
      messages.unknownProducts(
        understanding.unknown.map((text) => ({
          text,
          suggestions: (understanding.suggestions[text] ?? []).map((sku) => catalog.bySku.get(sku)?.name ?? sku),
        })),
      ),
    );
  }
  const clarify = understanding.clarify.flatMap((sku) => {
    const product = catalog.bySku.get(sku);
    return product ? [{ name: product.name, unit: product.unit }] : [];
  });
  if (clarify.length > 0) notes.push(messages.clarifyQuantities(clarify));
  if (understanding.problems.length > 0) notes.push(messages.refusedQuantities(understanding.problems));
  return notes;
}

/** Product names for skus, as the customer reads them. */
export function productNames(catalog: CatalogSnapshot, skus: readonly string[]): string[] {
  return skus.map((sku) => catalog.bySku.get(sku)?.name ?? sku);
}
