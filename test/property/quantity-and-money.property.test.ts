import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCents, formatReais, lineTotal, parseCents } from "../../core/domain/money.ts";
import {
  checkQuantity,
  convertMilli,
  formatMilli,
  MAX_QUANTITY_MILLI,
  MILLI_PER_UNIT,
  milliFromNumber,
  parseMilli,
} from "../../core/domain/quantity.ts";
import { UNITS } from "../../core/domain/units.ts";

/*
 * Property tier: random and adversarial input against the quantity and money rules, each run with a fixed seed so
 * a failure replays (fast-check prints the seed and the smallest counterexample).
 */
const runs = { seed: 20261206, numRuns: 2_000 };
const MAX_PRICE_CENTS = 2_147_483_647;
const quantityMilli = fc.integer({ min: 1, max: MAX_QUANTITY_MILLI });
const priceCents = fc.integer({ min: 0, max: MAX_PRICE_CENTS });
/** Text a person or a fuzzer might send where a number is expected. */
const numberLikeText = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[-+ ]?\d{0,20}(?:[.,]\d{0,6})?(?:e[-+]?\d{1,3})?$/),
  fc.constantFrom("NaN", "Infinity", "-0", "0x10", "1_000", "١٢", "½", "1.000,50", "9".repeat(400)),
);

describe("quantities, for any input", () => {
  it("parse to null or to a non-negative exact count of thousandths", () => {
    fc.assert(
      fc.property(numberLikeText, (text) => {
        const milli = parseMilli(text);
        return milli === null || (Number.isSafeInteger(milli) && milli >= 0);
      }),
      runs,
    );
  });

  it("read from any JavaScript number as null or an exact count of thousandths within a thousandth of it", () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        const milli = milliFromNumber(value);
        if (milli === null) return true;
        return (
          Number.isSafeInteger(milli) && Math.abs(milli / MILLI_PER_UNIT - value) <= 1e-9 * Math.max(1, Math.abs(value))
        );
      }),
      runs,
    );
  });

  it("survive formatting and parsing unchanged", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        (milli) => parseMilli(formatMilli(milli)) === milli,
      ),
      runs,
    );
  });

  it("pass the order-line rule only when more than zero and at most the maximum", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double()), (milli) => {
        const accepted = checkQuantity(milli) === null;
        return accepted === (Number.isSafeInteger(milli) && milli > 0 && milli <= MAX_QUANTITY_MILLI);
      }),
      runs,
    );
  });

  it("convert between units exactly or not at all, and back to where they started when they can", () => {
    const unit = fc.constantFrom(...UNITS);
    fc.assert(
      fc.property(quantityMilli, unit, unit, (milli, from, to) => {
        const converted = convertMilli(milli, from, to);
        if (converted === null) return true;
        // Back to dúzias only in whole ones (the bot asks about 7 eggs): when it goes back, it goes back exactly.
        const back = convertMilli(converted, to, from);
        return Number.isSafeInteger(converted) && converted > 0 && (back === null || back === milli);
      }),
      runs,
    );
  });
});

describe("money, for any input", () => {
  it("parses prices to null or to non-negative cents that format back to the same amount", () => {
    fc.assert(
      fc.property(numberLikeText, (text) => {
        const cents = parseCents(text);
        return (
          cents === null || (Number.isSafeInteger(cents) && cents >= 0 && parseCents(formatCents(cents)) === cents)
        );
      }),
      runs,
    );
  });

  it("formats every exact amount as a decimal string with two places, in reais with the same digits", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (cents) => {
        const decimal = formatCents(cents);
        const reais = formatReais(cents);
        return (
          /^-?\d+\.\d{2}$/.test(decimal) &&
          BigInt(decimal.replace(".", "")) === BigInt(cents) &&
          reais.replace(/[^\d-]/g, "") === decimal.replace(".", "")
        );
      }),
      runs,
    );
  });

  it("rounds a line's total half up to the cent, exactly as integer arithmetic with no limit does", () => {
    fc.assert(
      fc.property(priceCents, quantityMilli, (price, milli) => {
        const exact = (BigInt(price) * BigInt(milli) + 500n) / 1000n;
        return BigInt(lineTotal(price, milli)) === exact;
      }),
      runs,
    );
  });

  it("never makes a line cheaper by asking for more of it", () => {
    fc.assert(
      fc.property(priceCents, quantityMilli, quantityMilli, (price, a, b) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        return lineTotal(price, less) <= lineTotal(price, more);
      }),
      runs,
    );
  });

  it("adds an order's lines to the exact sum of their totals, however many and however dear", () => {
    const line = fc.record({ price: priceCents, milli: quantityMilli });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 200 }), (lines) => {
        const totals = lines.map((entry) => lineTotal(entry.price, entry.milli));
        const sum = totals.reduce((total, value) => total + value, 0);
        const exact = totals.reduce((total, value) => total + BigInt(value), 0n);
        return Number.isSafeInteger(sum) && BigInt(sum) === exact;
      }),
      runs,
    );
  });
});

describe("the quantity rule's edge", () => {
  it.each([
    [1e300, null],
    [-1e300, null],
    [2 ** 53, null],
    [1.5, 1500],
  ])("reads the number %s as %s thousandths", (value, expected) => {
    expect(milliFromNumber(value)).toBe(expected);
  });
});
