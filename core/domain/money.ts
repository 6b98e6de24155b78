import type { Milli } from "./quantity.ts";
import { MILLI_PER_UNIT } from "./quantity.ts";

/** Money is integer cents. */
export type Cents = number;

const PRICE = /^(\d{1,9})(?:[.,](\d{1,2}))?$/;

/** Parses "7.50", "7,5", "7" into cents; null for negatives, more than two decimals or garbage. */
export function parseCents(text: string): Cents | null {
  const match = PRICE.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** "7.50": the API's decimal string. */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? "-" : "";
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}

/** "R$ 7,50", "R$ 1.234,50": how people read money in chat and in sheets. */
export function formatReais(cents: Cents): string {
  const sign = cents < 0 ? "-" : "";
  const absolute = Math.abs(cents);
  const reais = String(Math.floor(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${sign}R$ ${reais},${String(absolute % 100).padStart(2, "0")}`;
}

/** Price × quantity, rounded half up to the cent, in integers only. */
export function lineTotal(unitPriceCents: Cents, quantity: Milli): Cents {
  return Math.floor((unitPriceCents * quantity + MILLI_PER_UNIT / 2) / MILLI_PER_UNIT);
}
