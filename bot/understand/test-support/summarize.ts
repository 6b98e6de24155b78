import { milliToNumber } from "../../../core/domain/quantity.ts";
import type { Understanding } from "../understanding.ts";

/** A compact, readable view of an Understanding for table-driven tests: items as "sku quantity unit". */
export interface Summary {
  intent: Understanding["intent"];
  items: string[];
  clarify: string[];
  unknown: string[];
}

export function summarize(understanding: Understanding): Summary {
  return {
    intent: understanding.intent,
    items: understanding.items.map(
      (item) => `${item.sku} ${milliToNumber(item.quantityMilli)} ${item.unit}${item.replace ? " replace" : ""}`,
    ),
    clarify: understanding.clarify,
    unknown: understanding.unknown,
  };
}

/** An order with these items and nothing unclear. */
export function order(...items: string[]): Summary {
  return { intent: "order", items, clarify: [], unknown: [] };
}
