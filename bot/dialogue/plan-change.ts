import { MAX_QUANTITY_MILLI } from "../../core/domain/quantity.ts";

/** A line of an order or a draft: a product and its quantity, in the product's unit. */
export interface OrderLine {
  sku: string;
  quantityMilli: number;
}

/** An item as read from a message, with what its words said (see UnderstoodItem). */
export interface ChangeItem extends OrderLine {
  replace?: boolean | undefined;
  change?: "add" | "take_off" | "remove" | undefined;
}

export type ChangePlan =
  /** Plain items for products already there: the customer must say add or replace. */
  | { kind: "ask"; clashes: { sku: string; currentMilli: number; askedMilli: number }[] }
  /** Taking off more than there is, or adding past the limit: nothing changes. */
  | {
      kind: "refused";
      sku: string;
      reason: "more_than_ordered" | "too_large";
      currentMilli: number;
      askedMilli: number;
    }
  /** The lines afterwards (none at zero), and the products named that the order does not have. */
  | { kind: "planned"; lines: OrderLine[]; notInOrder: string[] };

/**
 * What a message's items do to an order or a draft (PRODUCT.md, "Changing an order, exactly"): "mais" adds, "menos"
 * and "tira 1kg de" take off (the line goes at zero), "tira a" removes, "só" and "troca" set; a plain item adds a
 * product the order lacks and, for one it has, needs `choice` (else the plan asks). Pure: nothing is applied here.
 */
export function planChange(
  current: readonly OrderLine[],
  items: readonly ChangeItem[],
  choice?: "add" | "replace",
): ChangePlan {
  const quantities = new Map(current.map((line) => [line.sku, line.quantityMilli]));
  const notInOrder: string[] = [];
  const clashes: { sku: string; currentMilli: number; askedMilli: number }[] = [];
  for (const item of items) {
    const have = quantities.get(item.sku) ?? 0;
    if (item.change === "remove" || (item.replace && item.quantityMilli === 0)) {
      if (have === 0) notInOrder.push(item.sku);
      else quantities.set(item.sku, 0);
    } else if (item.change === "take_off") {
      if (have === 0) notInOrder.push(item.sku);
      else if (item.quantityMilli > have)
        return {
          kind: "refused",
          sku: item.sku,
          reason: "more_than_ordered",
          currentMilli: have,
          askedMilli: item.quantityMilli,
        };
      else quantities.set(item.sku, have - item.quantityMilli);
    } else if (item.replace) {
      quantities.set(item.sku, item.quantityMilli);
    } else if (item.change === "add" || have === 0 || choice === "add") {
      const total = have + item.quantityMilli;
      if (total > MAX_QUANTITY_MILLI)
        return {
          kind: "refused",
          sku: item.sku,
          reason: "too_large",
          currentMilli: have,
          askedMilli: item.quantityMilli,
        };
      quantities.set(item.sku, total);
    } else if (choice === "replace") {
      quantities.set(item.sku, item.quantityMilli);
    } else {
      clashes.push({ sku: item.sku, currentMilli: have, askedMilli: item.quantityMilli });
    }
  }
  if (clashes.length > 0) return { kind: "ask", clashes };
  const lines = [...quantities]
    .filter(([, quantityMilli]) => quantityMilli > 0)
    .map(([sku, quantityMilli]) => ({ sku, quantityMilli }));
  return { kind: "planned", lines, notInOrder };
}
