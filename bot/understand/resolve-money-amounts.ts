import { MEASURED_UNITS } from "../../core/domain/units.ts";
import type { Understanding } from "./understanding.ts";

/**
 * Turns "5 reais de cebolinha" into the quantity R$ 5,00 buys, when that is exact in the product's unit (whole
 * pieces for counted units, thousandths for kg, g and l); otherwise, or without a price, the product is asked about
 * (`clarify`). The reader knows no prices, so whoever holds them (the dialogue, the parse route) calls this.
 */
export function resolveMoneyAmounts(
  understanding: Understanding,
  priceCentsOf: (sku: string) => number | undefined,
): Understanding {
  if (!understanding.items.some((item) => item.amountCents !== undefined)) return understanding;
  const clarify = [...understanding.clarify];
  const items = understanding.items.flatMap((item) => {
    if (item.amountCents === undefined) return [item];
    const priceCents = priceCentsOf(item.sku);
    const quantityMilli = priceCents ? exactQuantity(item.amountCents, priceCents, item.unit) : null;
    if (quantityMilli === null) {
      if (!clarify.includes(item.sku)) clarify.push(item.sku);
      return [];
    }
    const { amountCents: _spent, ...rest } = item;
    return [{ ...rest, quantityMilli }];
  });
  return { ...understanding, items, clarify };
}

function exactQuantity(amountCents: number, priceCents: number, unit: Understanding["items"][number]["unit"]) {
  const numerator = amountCents * 1000;
  if (numerator % priceCents !== 0) return null;
  const quantityMilli = numerator / priceCents;
  if (quantityMilli <= 0) return null;
  if (!MEASURED_UNITS.has(unit) && quantityMilli % 1000 !== 0) return null;
  return quantityMilli;
}
