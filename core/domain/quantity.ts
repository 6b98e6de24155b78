import { conversionFactor, type MeasureUnit } from "./units.ts";

/**
 * Quantities are exact decimals kept as integer thousandths ("milli"): 1.5 kg is 1500.
 * Arithmetic on them never goes through floating point.
 */
export type Milli = number;

export const MILLI_PER_UNIT = 1000;
/** The most of one product a single order line may ask for, in the product's unit. */
export const MAX_QUANTITY_MILLI = 1000 * MILLI_PER_UNIT;

const DECIMAL = /^(\d+)(?:[.,](\d{1,3}))?$/;

/** Parses "1.5", "1,5", "2" into thousandths; null when not a non-negative decimal with at most 3 places. */
export function parseMilli(text: string): Milli | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(3, "0"));
  const milli = whole * MILLI_PER_UNIT + fraction;
  return Number.isSafeInteger(milli) ? milli : null;
}

/** Converts a JavaScript number with at most 3 decimal places to thousandths; null when it has more. */
export function milliFromNumber(value: number): Milli | null {
  if (!Number.isFinite(value)) return null;
  const milli = Math.round(value * MILLI_PER_UNIT);
  // 1e300 rounds to itself: a count of thousandths past 2^53 is no longer exact, so it is no quantity.
  if (!Number.isSafeInteger(milli)) return null;
  // Reject values whose decimal expansion needs more than three places (0.0005, 1.2345).
  if (Math.abs(milli - value * MILLI_PER_UNIT) > 1e-6 * Math.max(1, Math.abs(value))) return null;
  return milli;
}

/** Thousandths as a plain JavaScript number for JSON (exact for every value we store). */
export function milliToNumber(milli: Milli): number {
  return milli / MILLI_PER_UNIT;
}

/** "1.5", "2", "0.25": the decimal string of a quantity, point as separator, no trailing zeros. */
export function formatMilli(milli: Milli): string {
  const sign = milli < 0 ? "-" : "";
  const absolute = Math.abs(milli);
  const whole = Math.floor(absolute / MILLI_PER_UNIT);
  const fraction = String(absolute % MILLI_PER_UNIT)
    .padStart(3, "0")
    .replace(/0+$/, "");
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

export type QuantityProblem = { kind: "not_positive" } | { kind: "too_large"; maxMilli: Milli };

/** The rule every order line obeys: more than zero and at most MAX_QUANTITY_MILLI. */
export function checkQuantity(milli: Milli): QuantityProblem | null {
  if (!Number.isSafeInteger(milli) || milli <= 0) return { kind: "not_positive" };
  if (milli > MAX_QUANTITY_MILLI) return { kind: "too_large", maxMilli: MAX_QUANTITY_MILLI };
  return null;
}

/**
 * Converts a quantity between units of one kind (UNIT_TABLE) when the result is exact to the thousandth (and, for
 * un → dz, a whole number of dúzias, since a customer asking for 7 eggs of a product sold by the dozen must be
 * asked). Units of different kinds cannot be converted exactly (un → kg needs a weight the customer did not give).
 */
export function convertMilli(milli: Milli, from: MeasureUnit, to: MeasureUnit): Milli | null {
  const factor = conversionFactor(from, to);
  if (!factor) return null;
  const scaled = milli * factor.multiply;
  if (scaled % factor.divide !== 0) return null;
  const converted = scaled / factor.divide;
  if (from === "un" && to === "dz" && converted % MILLI_PER_UNIT !== 0) return null;
  return converted;
}
