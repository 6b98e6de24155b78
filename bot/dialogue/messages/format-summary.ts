import { formatReais } from "../../../core/domain/money.ts";
import { formatMilli } from "../../../core/domain/quantity.ts";
import type { Unit } from "../../../core/domain/units.ts";
import type { OrderSummary } from "./messages.ts";

/** How one language writes quantities and order lines: its unit words, decimal mark and "2kg of …" connective. */
export interface SummaryWording {
  unitWords: Record<Unit, readonly [singular: string, plural: string]>;
  decimalMark: "," | ".";
  of: string;
}

export function formatQuantity(wording: SummaryWording, quantityMilli: number, unit: Unit): string {
  const number = formatMilli(quantityMilli).replace(".", wording.decimalMark);
  const [singular, plural] = wording.unitWords[unit];
  if (unit === "kg" || unit === "g") return `${number}${singular}`;
  return `${number} ${quantityMilli <= 1000 ? singular : plural}`;
}

/** "• 2kg de Tomate — R$ 15,00" per line, then the total in bold. */
export function formatSummaryLines(wording: SummaryWording, summary: OrderSummary): string {
  const items = summary.lines.map((line) => {
    const price = line.totalCents === null ? "" : ` — ${formatReais(line.totalCents)}`;
    return `• ${formatQuantity(wording, line.quantityMilli, line.unit)} ${wording.of} ${line.name}${price}`;
  });
  return [...items, `*Total: ${formatReais(summary.totalCents)}*`].join("\n");
}

export const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
