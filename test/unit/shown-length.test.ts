import { describe, expect, it } from "vitest";
import { formatReais } from "../../core/domain/money.ts";
import { formatMilli } from "../../core/domain/quantity.ts";
import { moneyShownLength, quantityShownLength } from "../../sheets/workbooks/shown-length.ts";

// Around every power of ten, where a digit or a thousands separator appears, plus zero and negatives.
const EDGES = [0, 1, 5, 9, 10, 99, 100, 101, 999, 1_000, 1_001, 9_999, 10_000, 99_999, 100_000, 999_999, 1_000_000];
const VALUES = [
  ...new Set([...EDGES, ...EDGES.map((value) => value * 1_000 + 7), 123_456_789, 9_007_199_254_740_991]),
].flatMap((value) => [value, -value]);

/** What a sheet shows for a quantity: formatMilli with a separator every three whole digits. */
function shownQuantity(quantity: number): string {
  const text = formatMilli(quantity);
  const wholeDigits = text.split(".")[0]?.replace("-", "").length ?? 0;
  return text + ",".repeat(Math.floor(Math.max(0, wholeDigits - 1) / 3));
}

describe("lengths of shown numbers, for column widths", () => {
  it.each(VALUES)("counts %i cents as long as formatReais writes it", (cents) => {
    expect(moneyShownLength(cents)).toBe(formatReais(cents).length);
  });

  it.each(VALUES)("counts %i thousandths as long as the grouped quantity", (quantity) => {
    expect(quantityShownLength(quantity)).toBe(shownQuantity(quantity).length);
  });

  it.each([
    [2_500, "2.5"],
    [1_125, "1.125"],
    [1_234_560, "1,234.56"],
    [3_000, "3"],
  ])("counts %i thousandths as %s", (quantity, shown) => {
    expect(quantityShownLength(quantity)).toBe(shown.length);
  });
});
