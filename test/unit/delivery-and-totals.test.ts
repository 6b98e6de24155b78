import { describe, expect, it } from "vitest";
import { checkDeliveredQuantity, maxDeliveredMilli } from "../../core/domain/delivered-quantity.ts";
import { checkAddress, formatAddress, normalizeAddress } from "../../core/domain/delivery.ts";
import { deliveryFee, neighbourhoodKey, parseDeliveryFees } from "../../core/domain/delivery-fees.ts";
import { finalTotal } from "../../core/domain/final-total.ts";

const EXAMPLE_FEES = "Centro=5.00;Lagoa Nova=7.50;*=10.00";

function feesOf(text: string) {
  const read = parseDeliveryFees(text);
  if (!read.ok) throw new Error(read.problem);
  return read.fees;
}

const delivery = (neighbourhood: string) =>
  ({ kind: "delivery", address: { street: "Rua A", number: "1", neighbourhood } }) as const;

describe("delivery fees by neighbourhood", () => {
  it.each([
    [EXAMPLE_FEES, "Centro", 500],
    [EXAMPLE_FEES, "centro", 500],
    [EXAMPLE_FEES, "LAGOA  NOVA", 750],
    [EXAMPLE_FEES, "Lagoa Nova ", 750],
    [EXAMPLE_FEES, "Petrópolis", 1000],
    ["Petrópolis=6.00;*=10.00", "petropolis", 600],
    ["Petropolis=6,50", "Petrópolis", 650],
    ["Centro=5.00", "Tirol", 0],
    ["", "Centro", 0],
    ["Centro=5.00;", "Centro", 500],
  ])("%j charges %j %i cents", (text, neighbourhood, cents) => {
    expect(deliveryFee(feesOf(text), delivery(neighbourhood))).toBe(cents);
  });

  it("charges nothing for pickup", () => {
    expect(deliveryFee(feesOf(EXAMPLE_FEES), { kind: "pickup" })).toBe(0);
  });

  it.each([
    ["a pair without a value", "Centro", /Centro/],
    ["a fee that is not money", "Centro=cinco", /Centro=cinco/],
    ["a fee with three decimals", "Centro=5.005", /Centro=5.005/],
    ["a negative fee", "Centro=-5", /Centro=-5/],
    ["a pair without a name", "=5.00", /=5.00/],
    ["a neighbourhood given twice", "Centro=5;centro=6", /centro is given twice/],
    ["two defaults", "*=5;*=6", /\* is given twice/],
  ])("refuses %s", (_label, text, problem) => {
    const read = parseDeliveryFees(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem).toMatch(problem);
  });

  it.each([
    ["São José", "sao jose"],
    ["  Lagoa   Nova ", "lagoa nova"],
    ["CANDELÁRIA", "candelaria"],
  ])("compares %j as %j", (name, key) => {
    expect(neighbourhoodKey(name)).toBe(key);
  });
});

describe("addresses", () => {
  it.each([
    [{ street: " Rua das Flores ", number: "12", neighbourhood: "Centro", reference: " " }, null],
    [
      { street: "Rua das Flores", number: "", neighbourhood: "Centro" },
      { kind: "missing", field: "number" },
    ],
    [
      { street: "", number: "12", neighbourhood: "Centro" },
      { kind: "missing", field: "street" },
    ],
    [
      { street: "Rua A", number: "12", neighbourhood: "  " },
      { kind: "missing", field: "neighbourhood" },
    ],
    [
      { street: "Rua A", number: "12", neighbourhood: "Centro", reference: "x".repeat(121) },
      { kind: "too_long", field: "reference", maxLength: 120 },
    ],
  ])("%j has problem %j", (address, problem) => {
    expect(checkAddress(normalizeAddress(address))).toEqual(problem);
  });

  it.each([
    [{ street: "Rua das  Flores", number: "12", neighbourhood: "Centro" }, "Rua das Flores, 12 - Centro"],
    [
      { street: "Av. Brasil", number: "s/n", neighbourhood: "Tirol", reference: "portão azul" },
      "Av. Brasil, s/n - Tirol (portão azul)",
    ],
  ])("%j is written %j", (address, text) => {
    expect(formatAddress(normalizeAddress(address))).toBe(text);
  });
});

describe("the final total", () => {
  const tomato = { unitPriceCents: 750, quantityMilli: 2000 };
  const lettuce = { unitPriceCents: 300, quantityMilli: 3000 };
  it.each([
    ["every line as ordered, no fee", [{ ...tomato, deliveredQuantityMilli: null }], 0, 1500],
    ["a weighed line", [{ ...tomato, deliveredQuantityMilli: 2150 }], 0, 1613],
    ["a weighed line and a fee", [{ ...tomato, deliveredQuantityMilli: 2150 }], 750, 2363],
    [
      "a missing line and an unchanged one",
      [
        { ...tomato, deliveredQuantityMilli: null },
        { ...lettuce, deliveredQuantityMilli: 0 },
      ],
      500,
      2000,
    ],
    [
      "a line rounded half up on its own",
      [
        { unitPriceCents: 1, quantityMilli: 1000, deliveredQuantityMilli: 500 },
        { unitPriceCents: 1, quantityMilli: 1000, deliveredQuantityMilli: 500 },
      ],
      0,
      2,
    ],
    ["everything missing", [{ ...tomato, deliveredQuantityMilli: 0 }], 0, 0],
  ])("with %s is %i + lines", (_label, lines, fee, total) => {
    expect(finalTotal(lines, fee)).toBe(total);
  });
});

describe("delivered quantities", () => {
  it.each([
    ["2.150 kg for 2 kg", 2150, "kg", 2000, null],
    ["nothing (missing)", 0, "kg", 2000, null],
    ["4 kg for 2 kg (twice)", 4000, "kg", 2000, null],
    ["4.001 kg for 2 kg", 4001, "kg", 2000, { kind: "too_large", maxMilli: 4000 }],
    ["1.5 kg for 0.5 kg (one unit more)", 1500, "kg", 500, null],
    ["1.501 kg for 0.5 kg", 1501, "kg", 500, { kind: "too_large", maxMilli: 1500 }],
    ["21.5 kg for 2 kg (a slipped point)", 21500, "kg", 2000, { kind: "too_large", maxMilli: 4000 }],
    ["a negative quantity", -1, "kg", 2000, { kind: "negative" }],
    ["2 lettuces for 3", 2000, "un", 3000, null],
    ["half a lettuce", 500, "un", 3000, { kind: "not_whole", unit: "un" }],
    ["half a pack ordered as half a pack", 500, "pct", 500, null],
    ["half a dozen eggs for a dozen", 500, "dz", 1000, null],
    ["a fraction of a weight", 1, "g", 250, null],
  ] as const)("%s: %j", (_label, milli, unit, ordered, problem) => {
    expect(checkDeliveredQuantity(milli, unit, ordered)).toEqual(problem);
  });

  it.each([
    [2000, 4000],
    [500, 1500],
    [0, 1000],
  ])("at most %i of an order of %i thousandths", (ordered, max) => {
    expect(maxDeliveredMilli(ordered)).toBe(max);
  });
});
