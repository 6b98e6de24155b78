import { describe, expect, it } from "vitest";
import { formatCents, formatReais, lineTotal, parseCents } from "../../core/domain/money.ts";

describe("parseCents reads prices with at most two decimals", () => {
  it.each([
    ["7.50", 750],
    ["7,5", 750],
    ["7", 700],
    ["0.01", 1],
    ["1234.99", 123499],
  ])("%j is %i cents", (text, cents) => {
    expect(parseCents(text)).toBe(cents);
  });
  it.each(["7.505", "-1", "", "R$ 7", "1e2", "7.", "abc"])("%j is refused", (text) => {
    expect(parseCents(text)).toBeNull();
  });
});

describe("money is shown the API's way and the people's way", () => {
  it.each([
    [750, "7.50", "R$ 7,50"],
    [5, "0.05", "R$ 0,05"],
    [123456, "1234.56", "R$ 1.234,56"],
    [100000000, "1000000.00", "R$ 1.000.000,00"],
    [0, "0.00", "R$ 0,00"],
  ])("%i cents is %s and %s", (cents, api, people) => {
    expect(formatCents(cents)).toBe(api);
    expect(formatReais(cents)).toBe(people);
  });
});

describe("lineTotal multiplies price by quantity and rounds half up to the cent", () => {
  it.each([
    [750, 2000, 1500],
    [590, 500, 295],
    [999, 333, 333],
    [1, 500, 1],
    [1, 499, 0],
    [1500, 500, 750],
    [4200, 250, 1050],
    [1190, 1234, 1468],
  ])("%i cents × %i thousandths is %i cents", (price, quantity, total) => {
    expect(lineTotal(price, quantity)).toBe(total);
  });
});
