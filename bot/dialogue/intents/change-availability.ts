import { changeProductAvailability } from "../../../core/app/change-product-availability.ts";
import { tellCustomersSoldOut } from "../../../core/app/tell-customers-sold-out.ts";
import { findProduct } from "../find-product.ts";
import type { IntentHandler } from "../turn.ts";

/** "acabou morango", "esgotou o tomate", "sold out strawberries"; a question ("acabou o morango?") is not a command. */
const SOLD_OUT = /^\s*(?:acabou|acabaram|esgotou|esgotaram|sold out|out of stock)[:\s]+(.+?)\s*[.!]*\s*$/i;
/** "voltou morango", "tem morango de novo" is left to the reader; "back in stock strawberries". */
const BACK = /^\s*(?:voltou|voltaram|back in stock|back)[:\s]+(.+?)\s*[.!]*\s*$/i;

export function isAvailabilityCommand(text: string): boolean {
  return !text.trim().endsWith("?") && (SOLD_OUT.test(text) || BACK.test(text));
}

/**
 * Marks one product out of stock or back, at once. Customers whose open order holds a product that ran out are told
 * in the same transaction; the item stays in their order, shown as sold out, for them to decide.
 */
export const changeAvailability: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const soldOut = SOLD_OUT.exec(turn.text);
  const words = (soldOut ?? BACK.exec(turn.text))?.[1] ?? "";
  const product = findProduct(input.catalog, words);
  if (!product) return [messages.productNotSold(words)];
  const available = !soldOut;
  const changed = await changeProductAvailability(input.context, input.businessId, product.sku, available);
  if (!changed.changed) return [messages.availabilityUnchanged(changed.name, available)];
  input.context.emit("catalog_changed");
  const told = available
    ? 0
    : await tellCustomersSoldOut(input.context, {
        businessId: input.businessId,
        sku: product.sku,
        productName: changed.name,
      });
  return [messages.availabilityChanged(changed.name, available, told)];
};
