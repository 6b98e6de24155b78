import { type Cents, lineTotal } from "./money.ts";
import type { Milli } from "./quantity.ts";

export interface FinalTotalLine {
  unitPriceCents: Cents;
  quantityMilli: Milli;
  /** Null while not recorded: the line counts as ordered. */
  deliveredQuantityMilli: Milli | null;
}

/**
 * What the customer pays: each line at its delivered quantity (as ordered where none was recorded), rounded per line
 * as the order's total is, plus the delivery fee. Integer cents throughout.
 */
export function finalTotal(lines: readonly FinalTotalLine[], deliveryFeeCents: Cents): Cents {
  let total = deliveryFeeCents;
  for (const line of lines) total += lineTotal(line.unitPriceCents, line.deliveredQuantityMilli ?? line.quantityMilli);
  return total;
}
