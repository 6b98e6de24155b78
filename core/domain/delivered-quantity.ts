import { MILLI_PER_UNIT, type Milli } from "./quantity.ts";
import { COUNTED_UNITS, type Unit } from "./units.ts";

export type DeliveredQuantityProblem =
  | { kind: "negative" }
  | { kind: "not_whole"; unit: Unit }
  | { kind: "too_large"; maxMilli: Milli };

/**
 * The most that may be recorded as delivered of a line: weighing gives a little more than asked ("2kg" weighs
 * 2.150), never several times it, so twice the order (at least one unit more) catches a slipped decimal point
 * ("21,50" for "2,150") while leaving room for the scale.
 */
export function maxDeliveredMilli(orderedMilli: Milli): Milli {
  return Math.max(2 * orderedMilli, orderedMilli + MILLI_PER_UNIT);
}

/**
 * What is wrong with a delivered quantity, or null. Zero is allowed (the item was missing); products counted in
 * pieces or packages are delivered in whole ones (or exactly as ordered); weights and volumes to the thousandth.
 */
export function checkDeliveredQuantity(milli: Milli, unit: Unit, orderedMilli: Milli): DeliveredQuantityProblem | null {
  if (!Number.isSafeInteger(milli) || milli < 0) return { kind: "negative" };
  if (COUNTED_UNITS.has(unit) && milli % MILLI_PER_UNIT !== 0 && milli !== orderedMilli)
    return { kind: "not_whole", unit };
  const maxMilli = maxDeliveredMilli(orderedMilli);
  if (milli > maxMilli) return { kind: "too_large", maxMilli };
  return null;
}
