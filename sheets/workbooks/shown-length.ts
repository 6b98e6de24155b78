import type { Cents } from "../../core/domain/money.ts";
import { MILLI_PER_UNIT, type Milli } from "../../core/domain/quantity.ts";

// Column widths need only the length of what a cell shows; counting digits instead of formatting the text is what
// keeps measuring a 25,000-row sheet from costing a tenth of writing it.

/** The length of `formatReais(cents)`, "R$ 1.234,56": sign, "R$ ", grouped reais, two decimals. */
export function moneyShownLength(cents: Cents): number {
  const digits = digitCount(Math.floor(Math.abs(cents) / 100));
  return (cents < 0 ? 1 : 0) + "R$ ".length + digits + Math.floor((digits - 1) / 3) + ",00".length;
}

/** The length of a quantity as a sheet shows it, "1,234.5": grouped whole part, up to three decimals, none if whole. */
export function quantityShownLength(quantity: Milli): number {
  const absolute = Math.abs(quantity);
  const digits = digitCount(Math.floor(absolute / MILLI_PER_UNIT));
  const fraction = absolute % MILLI_PER_UNIT;
  const decimals = fraction === 0 ? 0 : fraction % 100 === 0 ? 1 : fraction % 10 === 0 ? 2 : 3;
  return (quantity < 0 ? 1 : 0) + digits + Math.floor((digits - 1) / 3) + (decimals === 0 ? 0 : 1 + decimals);
}

function digitCount(whole: number): number {
  let digits = 1;
  for (let rest = whole; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  return digits;
}
