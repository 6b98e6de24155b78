import { describe, expect, it } from "vitest";
import { measuresOf } from "./promql-measures.ts";

describe("the measures under a PromQL condition", () => {
  it.each([
    ["a plain selector is its own measure", 'up{job="core"}', ['up{job="core"}']],
    ["a comparison gives both sides", 'up{job=~"core|bot"} == 0', ['up{job=~"core|bot"}', "0"]],
    [">= is one operator", "x >= 7 * 60", ["x", "7 * 60"]],
    ["absent gives what it looks for", 'absent(up{job="sheets"})', ['up{job="sheets"}']],
    [
      "set operators split below comparisons, without their matching modifiers",
      "(sum(rate(a[5m])) or vector(0)) == 0 and on() (hour() + 21) % 24 < 21",
      ["sum(rate(a[5m]))", "vector(0)", "0", "(hour() + 21) % 24", "21"],
    ],
    [
      "operators inside function calls and label values stay where they are",
      'sum((a{x="or > 1"} unless a offset 15m) or increase(a[15m])) > 0',
      ['sum((a{x="or > 1"} unless a offset 15m) or increase(a[15m]))', "0"],
    ],
    ["names containing keywords are not split", "sisconf_orders_total > 0", ["sisconf_orders_total", "0"]],
    ["bool and grouping modifiers are dropped", "a > bool on(x) group_left(y) b", ["a", "b"]],
  ])("%s", (_case, expression, measures) => {
    expect(measuresOf(expression)).toEqual(measures);
  });
});
