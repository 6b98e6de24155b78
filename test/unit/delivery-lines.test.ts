import { describe, expect, it } from "vitest";
import {
  type DeliveryOrder,
  findDeliveryLine,
  orderDeliveryRefusal,
  planDeliveredLines,
} from "../../core/app/delivery-lines.ts";

const order: DeliveryOrder = {
  id: 7,
  number: 42,
  batchId: 3,
  batchNumber: 3,
  status: "arrived",
  paymentStatus: "pending",
  deliveryFeeCents: 750,
  finalTotalCents: null,
  lines: [
    {
      itemId: 1,
      sku: "tomate",
      name: "Tomate",
      unit: "kg",
      quantityMilli: 2000,
      deliveredQuantityMilli: null,
      unitPriceCents: 750,
    },
    {
      itemId: 2,
      sku: "alface",
      name: "Alface Crespa",
      unit: "un",
      quantityMilli: 3000,
      deliveredQuantityMilli: 2000,
      unitPriceCents: 300,
    },
    {
      itemId: 3,
      sku: "pimentao",
      name: "Pimentão Verde",
      unit: "kg",
      quantityMilli: 500,
      deliveredQuantityMilli: null,
      unitPriceCents: 990,
    },
  ],
};

describe("finding an order's line for a product", () => {
  it.each([
    ["tomate", "tomate"],
    ["Tomate", "tomate"],
    ["ALFACE CRESPA", "alface"],
    ["pimentao verde", "pimentao"],
    ["  Pimentão   Verde ", "pimentao"],
    ["PIMENTAO", "pimentao"],
    ["alface", "alface"],
    ["cebola", undefined],
    ["Alface Americana", undefined],
  ])("%j is %j", (product, sku) => {
    expect(findDeliveryLine(order, product)?.sku).toBe(sku);
  });
});

describe("planning delivered quantities", () => {
  it("keeps what each line had, to tell what changes", () => {
    const plan = planDeliveredLines(order, [
      { product: "tomate", quantityMilli: 2150 },
      { product: "Alface Crespa", quantityMilli: 3000 },
    ]);
    expect(plan.problems).toEqual([]);
    expect(plan.lines.map((line) => [line.sku, line.orderedMilli, line.previousMilli, line.deliveredMilli])).toEqual([
      ["tomate", 2000, null, 2150],
      ["alface", 3000, 2000, 3000],
    ]);
  });

  it.each([
    [
      "a product not in the order",
      [{ product: "picanha", quantityMilli: 1000 }],
      [{ kind: "not_in_order", orderNumber: 42, product: "picanha" }],
    ],
    [
      "a product given twice under two names",
      [
        { product: "tomate", quantityMilli: 2000 },
        { product: "TOMATE", quantityMilli: 2100 },
      ],
      [{ kind: "given_twice", orderNumber: 42, sku: "tomate" }],
    ],
    [
      "a lettuce and a half",
      [{ product: "alface", quantityMilli: 1500 }],
      [{ kind: "invalid_quantity", orderNumber: 42, sku: "alface", problem: { kind: "not_whole", unit: "un" } }],
    ],
    [
      "every problem at once",
      [
        { product: "picanha", quantityMilli: 1000 },
        { product: "tomate", quantityMilli: 40000 },
      ],
      [
        { kind: "not_in_order", orderNumber: 42, product: "picanha" },
        { kind: "invalid_quantity", orderNumber: 42, sku: "tomate", problem: { kind: "too_large", maxMilli: 4000 } },
      ],
    ],
  ] as const)("names %s", (_label, inputs, problems) => {
    expect(planDeliveredLines(order, inputs).problems).toEqual(problems);
  });
});

describe("orders that take no delivered quantities", () => {
  it.each([
    ["received", "pending", "order_not_closed"],
    ["cancelled", "pending", "order_cancelled"],
    ["delivered", "paid", "order_paid"],
    ["placed", "pending", null],
    ["delivered", "pending", null],
  ] as const)("an order %s and %s: %j", (status, paymentStatus, refusal) => {
    expect(orderDeliveryRefusal({ ...order, status, paymentStatus })).toBe(refusal);
  });
});
