import { describe, expect, it } from "vitest";
import { checkQuantity, convertMilli, formatMilli, milliFromNumber, parseMilli } from "../../core/domain/quantity.ts";
import type { MeasureUnit } from "../../core/domain/units.ts";

describe("parseMilli reads decimals into thousandths", () => {
  it.each([
    ["2", 2000],
    ["1,5", 1500],
    ["1.5", 1500],
    ["0.25", 250],
    ["0,125", 125],
    ["10", 10000],
    [" 3 ", 3000],
    ["007", 7000],
  ])("%j is %i", (text, expected) => {
    expect(parseMilli(text)).toBe(expected);
  });

  it.each(["", "-1", "1.2345", "abc", "1..2", "1,", ".5", "1e3", "NaN", "99999999999999999999"])(
    "%j is refused",
    (text) => {
      expect(parseMilli(text)).toBeNull();
    },
  );
});

describe("milliFromNumber accepts at most three decimal places", () => {
  it.each([
    [0.5, 500],
    [2, 2000],
    [1.125, 1125],
    [0.1, 100],
    [0.3, 300],
  ])("%d is %i", (value, expected) => {
    expect(milliFromNumber(value)).toBe(expected);
  });
  it.each([0.0005, 1.2345, Number.NaN, Number.POSITIVE_INFINITY])("%d is refused", (value) => {
    expect(milliFromNumber(value)).toBeNull();
  });
});

describe("formatMilli writes the shortest decimal", () => {
  it.each([
    [2000, "2"],
    [1500, "1.5"],
    [250, "0.25"],
    [1, "0.001"],
    [1000000, "1000"],
  ])("%i is %s", (milli, expected) => {
    expect(formatMilli(milli)).toBe(expected);
  });
});

describe("checkQuantity refuses zero, negatives and absurd amounts", () => {
  it.each([
    [0, "not_positive"],
    [-1000, "not_positive"],
    [1000001, "too_large"],
    [1.5, "not_positive"],
  ])("%d is %s", (milli, kind) => {
    expect(checkQuantity(milli)?.kind).toBe(kind);
  });
  it.each([1, 500, 1000000])("%i is fine", (milli) => {
    expect(checkQuantity(milli)).toBeNull();
  });
});

describe("convertMilli converts only where the result is exact", () => {
  it.each<[number, MeasureUnit, MeasureUnit, number | null]>([
    [500000, "g", "kg", 500],
    [250000, "g", "kg", 250],
    [1, "g", "kg", null],
    [1500, "kg", "g", 1500000],
    [500, "dz", "un", 6000],
    [1000, "dz", "un", 12000],
    [12000, "un", "dz", 1000],
    [24000, "un", "dz", 2000],
    [6000, "un", "dz", null],
    [7000, "un", "dz", null],
    [3000, "un", "kg", null],
    [1000, "l", "kg", null],
    [2000, "kg", "kg", 2000],
    [1000, "maco", "un", null],
    [500000, "ml", "l", 500],
    [1500, "ml", "l", null],
    [2000, "l", "ml", 2000000],
  ])("%i %s to %s is %s", (milli, from, to, expected) => {
    expect(convertMilli(milli, from, to)).toBe(expected);
  });
});
