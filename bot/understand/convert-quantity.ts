import { checkQuantity, convertMilli, MAX_QUANTITY_MILLI } from "../../core/domain/quantity.ts";
import { COUNTED_UNITS, MEASURED_UNITS, UNIT_TABLE, type Unit } from "../../core/domain/units.ts";
import type { QuantityProblemReason, WrittenQuantity } from "./read-quantities.ts";
import type { WrittenUnit } from "./unit-words.ts";

/** What an item's amounts come to in the product's own unit. */
export type ConvertedQuantity =
  | { kind: "quantity"; milli: number }
  | { kind: "clarify" }
  | { kind: "problem"; reason: QuantityProblemReason }
  /** "5 reais de cebolinha": an amount of money, in cents, for the dialogue to turn into a quantity. */
  | { kind: "money"; cents: number };

const CLARIFY: ConvertedQuantity = { kind: "clarify" };

/** Units that name a weight or a volume (what a product sold by kg, g or l needs). */
function isMeasure(unit: WrittenUnit | null): boolean {
  if (unit === null || unit === "money") return false;
  const kind = UNIT_TABLE[unit].kind;
  return kind === "mass" || kind === "volume";
}

/** Units that count pieces: a bare number, "unidade", or a package word. */
function isCount(unit: WrittenUnit | null): boolean {
  return unit === null || unit === "un";
}

/** A weight or volume in the product's unit: exact, inexact (too precise), or not convertible at all. */
function convertMeasure(quantity: WrittenQuantity, target: Unit): ConvertedQuantity {
  const unit = quantity.unit;
  if (unit === null || unit === target) return { kind: "quantity", milli: quantity.milli };
  if (unit === "money") return CLARIFY;
  const converted = convertMilli(quantity.milli, unit, target);
  if (converted !== null) return { kind: "quantity", milli: converted };
  // g → kg is defined but 1,5 g is not a whole thousandth of a kg: the amount is too precise, not unclear.
  const sameKind = UNIT_TABLE[unit].kind === UNIT_TABLE[target].kind;
  return sameKind ? { kind: "problem", reason: "too_precise" } : CLARIFY;
}

/** A number of pieces (bare, "unidades", "dúzias", packages) in a counted or dozen product's unit. */
function convertCount(quantity: WrittenQuantity, target: Unit): ConvertedQuantity {
  const unit = quantity.unit;
  if (target === "dz") {
    if (unit === "dz") return { kind: "quantity", milli: quantity.milli };
    if (!isCount(unit)) return CLARIFY;
    // 12 ovos is 1 dz; 7 ovos of a product sold by the dozen must be asked.
    const dozens = convertMilli(quantity.milli, "un", "dz");
    return dozens === null ? CLARIFY : { kind: "quantity", milli: dozens };
  }
  if (isCount(unit) || unit === target) return { kind: "quantity", milli: quantity.milli };
  // "meia dúzia de rapadura" is 6 un; "1 dúzia de coentro" is 12 maços: a dozen of anything counted.
  if (unit === "dz") return { kind: "quantity", milli: quantity.milli * UNIT_TABLE.dz.factor };
  // "1 pacote de mel" for a product sold by the unit is one unit; a different package of a packaged product is unclear.
  if (target === "un" && !isMeasure(unit)) return { kind: "quantity", milli: quantity.milli };
  return CLARIFY;
}

/** Multiplies two thousandths exactly ("2 frangos de 1,5 kg"), or reports the result as too precise. */
function multiply(countMilli: number, measureMilli: number): ConvertedQuantity {
  const product = countMilli * measureMilli;
  if (!Number.isSafeInteger(product)) return { kind: "problem", reason: "too_large" };
  return product % 1000 === 0
    ? { kind: "quantity", milli: product / 1000 }
    : { kind: "problem", reason: "too_precise" };
}

/**
 * Converts the amounts written for one item into the product's unit (PRODUCT.md, "Quantities and units").
 * `quantities` are all amounts the item's line gave, in order; `latest` prefers the last one (for
 * "troca o tomate de 2kg para 3kg").
 */
export function convertQuantity(
  quantities: readonly WrittenQuantity[],
  target: Unit,
  latest: boolean,
): ConvertedQuantity {
  for (const quantity of quantities) {
    if (quantity.unreadable) return CLARIFY;
    if (quantity.problem) return { kind: "problem", reason: quantity.problem };
    if (quantity.milli === 0) return { kind: "problem", reason: "not_positive" };
    // "5000 tomates" is refused as too much even though a count of a kg product would otherwise be asked.
    if (isCount(quantity.unit) && quantity.milli > MAX_QUANTITY_MILLI) return { kind: "problem", reason: "too_large" };
  }
  const money = quantities.find((quantity) => quantity.unit === "money");
  if (money) {
    // Thousandths of a real: a fraction of a cent is not money anyone can spend.
    if (money.milli % 10 !== 0) return { kind: "problem", reason: "too_precise" };
    return { kind: "money", cents: money.milli / 10 };
  }
  const ordered = latest ? [...quantities].reverse() : quantities;
  let result: ConvertedQuantity;
  if (ordered.length === 0) {
    result = COUNTED_UNITS.has(target) ? { kind: "quantity", milli: 1000 } : CLARIFY;
  } else if (MEASURED_UNITS.has(target)) {
    const measure = ordered.find((quantity) => isMeasure(quantity.unit));
    if (!measure) return CLARIFY;
    result = convertMeasure(measure, target);
    // "1 melão de 2kg", "2 frangos de 1,5 kg": pieces times the weight of each. The count comes first;
    // a stray number after the weight is not a multiplier.
    const measureIndex = quantities.indexOf(measure);
    const count = quantities.find(
      (quantity, index) => index < measureIndex && isCount(quantity.unit) && quantity.explicitNumber,
    );
    if (result.kind === "quantity" && count) result = multiply(count.milli, result.milli);
  } else {
    const count = ordered.find((quantity) => !isMeasure(quantity.unit)) ?? ordered[0];
    if (!count) return CLARIFY;
    result = convertCount(count, target);
  }
  if (result.kind !== "quantity") return result;
  // "1,5 leite", "meio pacote": part of a piece or a package is not sold; the bot asks how many.
  if (COUNTED_UNITS.has(target) && result.milli % 1000 !== 0) return CLARIFY;
  const problem = checkQuantity(result.milli);
  if (problem) return { kind: "problem", reason: problem.kind };
  return result;
}
