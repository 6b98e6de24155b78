import { describe, expect, test } from "vitest";
import { type ChangeItem, planChange } from "../../bot/dialogue/plan-change.ts";

const order = [
  { sku: "cebola", quantityMilli: 2000 },
  { sku: "tomate", quantityMilli: 5000 },
];
const item = (sku: string, kilos: number, how?: "add" | "take_off" | "remove" | "set"): ChangeItem => ({
  sku,
  quantityMilli: kilos * 1000,
  ...(how === "set" ? { replace: true } : how ? { change: how } : {}),
});
const lines = (...pairs: [string, number][]) => pairs.map(([sku, kilos]) => ({ sku, quantityMilli: kilos * 1000 }));

describe("planning a change to an order, exactly as the words say", () => {
  test.each<[string, ChangeItem[], ReturnType<typeof lines>]>([
    ["mais 1kg de cebola adds", [item("cebola", 1, "add")], lines(["cebola", 3], ["tomate", 5])],
    ["menos 2kg de tomate takes off", [item("tomate", 2, "take_off")], lines(["cebola", 2], ["tomate", 3])],
    ["tira 2kg de cebola takes the line away at zero", [item("cebola", 2, "take_off")], lines(["tomate", 5])],
    ["tira a cebola removes the line", [item("cebola", 0, "remove")], lines(["tomate", 5])],
    ["só 1kg de cebola sets", [item("cebola", 1, "set")], lines(["cebola", 1], ["tomate", 5])],
    ["a product the order lacks is added", [item("batata", 1)], lines(["cebola", 2], ["tomate", 5], ["batata", 1])],
    [
      "several words in one message apply in turn",
      [item("cebola", 1, "add"), item("tomate", 5, "take_off"), item("alface", 2)],
      lines(["cebola", 3], ["alface", 2]),
    ],
  ])("%s", (_label, items, expected) => {
    expect(planChange(order, items)).toEqual({ kind: "planned", lines: expected, notInOrder: [] });
  });

  test("a plain item for a product the order has asks add or replace", () => {
    expect(planChange(order, [item("cebola", 1)])).toEqual({
      kind: "ask",
      clashes: [{ sku: "cebola", currentMilli: 2000, askedMilli: 1000 }],
    });
  });

  test.each<["add" | "replace", number]>([
    ["add", 3],
    ["replace", 1],
  ])("the answer %s decides the plain item", (choice, kilos) => {
    expect(planChange(order, [item("cebola", 1)], choice)).toEqual({
      kind: "planned",
      lines: lines(["cebola", kilos], ["tomate", 5]),
      notInOrder: [],
    });
  });

  test.each<[string, ChangeItem, string]>([
    ["taking off more than the order has", item("tomate", 7, "take_off"), "more_than_ordered"],
    ["adding past the limit", item("tomate", 996, "add"), "too_large"],
  ])("refuses %s, changing nothing", (_label, change, reason) => {
    expect(planChange(order, [item("cebola", 1, "add"), change])).toMatchObject({ kind: "refused", reason });
  });

  test("names what the order does not have when asked to take it away", () => {
    expect(planChange(order, [item("batata", 0, "remove"), item("alface", 1, "take_off")])).toEqual({
      kind: "planned",
      lines: lines(["cebola", 2], ["tomate", 5]),
      notInOrder: ["batata", "alface"],
    });
  });

  test("taking everything away leaves no lines (the dialogue asks it as a cancellation)", () => {
    expect(planChange(order, [item("cebola", 0, "remove"), item("tomate", 5, "take_off")])).toEqual({
      kind: "planned",
      lines: [],
      notInOrder: [],
    });
  });
});
