import { formatReais } from "../../../core/domain/money.ts";
import { convertMilli, formatMilli } from "../../../core/domain/quantity.ts";
import { type Unit, type UnitLanguage, unitWords } from "../../../core/domain/units.ts";
import type { OrderSummary } from "./messages.ts";

/** How one language writes quantities and order lines: its unit words, decimal mark and "2 kg of …" connective. */
export interface SummaryWording {
  /** The language whose unit words (UNIT_TABLE) the lines use. */
  language: UnitLanguage;
  decimalMark: "," | ".";
  of: string;
  /** "meia dúzia", "half a dozen"; "1 dúzia e meia", "a dozen and a half". */
  halfDozen: string;
  dozenAndHalf: string;
  /** Units after which the language says no "of" ("a dozen eggs", "2 bunches of coriander"). */
  withoutOf: readonly Unit[];
  /** After a line whose product ran out: " (esgotado)". */
  soldOut: string;
}

/**
 * A quantity as people say it: "250 g" (never "0,25kg"), "1,5 kg", "meia dúzia", "15 unidades" for 1,25 dúzia,
 * "500 ml" for half a litre.
 */
export function formatQuantity(wording: SummaryWording, quantityMilli: number, unit: Unit): string {
  const number = (milli: number) => formatMilli(milli).replace(".", wording.decimalMark);
  const [singular, plural] = unitWords(unit, wording.language);
  if (unit === "kg" && quantityMilli < 1000) return `${quantityMilli} g`;
  if (unit === "l" && quantityMilli < 1000) return `${quantityMilli} ml`;
  if (unit === "kg" || unit === "g") return `${number(quantityMilli)} ${singular}`;
  if (unit === "dz") {
    if (quantityMilli === 500) return wording.halfDozen;
    if (quantityMilli === 1500) return wording.dozenAndHalf;
    // 1,25 dúzia is 15 pieces: said as pieces when whole.
    const piecesMilli = convertMilli(quantityMilli, "dz", "un");
    if (quantityMilli % 1000 !== 0 && piecesMilli !== null && piecesMilli % 1000 === 0) {
      const [one, many] = unitWords("un", wording.language);
      const pieces = piecesMilli / 1000;
      return `${pieces} ${pieces === 1 ? one : many}`;
    }
  }
  return `${number(quantityMilli)} ${quantityMilli <= 1000 ? singular : plural}`;
}

/** "• 2 kg de Tomate — R$ 15,00" per line, then the total in bold. */
export function formatSummaryLines(wording: SummaryWording, summary: OrderSummary): string {
  const items = summary.lines.map((line) => {
    const price = line.totalCents === null ? "" : ` — ${formatReais(line.totalCents)}`;
    const of = wording.withoutOf.includes(line.unit) ? "" : ` ${wording.of}`;
    const soldOut = line.unavailable ? ` ⚠️ ${wording.soldOut}` : "";
    return `• ${formatQuantity(wording, line.quantityMilli, line.unit)}${of} ${line.name}${price}${soldOut}`;
  });
  return [...items, `*Total: ${formatReais(summary.totalCents)}*`].join("\n");
}

export const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
