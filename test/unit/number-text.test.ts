import { describe, expect, it } from "vitest";
import { numberText } from "../../sheets/workbooks/number-text.ts";

describe("a number as a cell holds it", () => {
  it.each([
    [0, "0"],
    [7, "7"],
    [-3, "-3"],
    [7.5, "7.5"],
    [0.05, "0.05"],
    [0.29, "0.29"],
    [31.39, "31.39"],
    [6.8, "6.8"],
    [1.75, "1.75"],
    [0.125, "0.125"],
    [2.005, "2.005"],
    [0.001, "0.001"],
    [-12.34, "-12.34"],
    [123456789.01, "123456789.01"],
    [1 / 3, String(1 / 3)],
    [1e21, "1e+21"],
    [2.5e-7, "2.5e-7"],
  ])("%s is written %s", (value, text) => {
    expect(numberText(value)).toBe(text);
  });

  it("writes every amount in cents and every quantity in thousandths exactly as String does", () => {
    let differences = 0;
    for (let integer = -20_000; integer <= 2_000_000; integer += 7) {
      for (const value of [integer / 100, integer / 1000, (integer * 997_331) / 100, (integer * 1_000_003) / 1000]) {
        if (numberText(value) !== String(value)) differences++;
      }
    }
    expect(differences).toBe(0);
  });
});
