import { changeProductPrice } from "../../../core/app/change-product-price.ts";
import { AppError } from "../../../core/app/errors.ts";
import { MAX_PRICE_CENTS } from "../../../core/domain/money-bounds.ts";
import { findProduct } from "../find-product.ts";
import type { IntentHandler } from "../turn.ts";

/**
 * "preço tomate 8,50", "preço do tomate R$ 8,50", "price tomato 8.50": the product's words, then the price (it starts
 * with a digit, so "preço do tomate?" stays a question about the price).
 */
const PRICE =
  /^\s*(?:pre[çc]o|price)\s+(?:d[aoe]s?\s+|of\s+)?(.+?)\s+(?:(?:para|pra|p\/|to|=)\s*)?(?:R\$\s*)?(\d\S*)\s*$/i;

export function isPriceCommand(text: string): boolean {
  return PRICE.test(text);
}

/** One product's price, applied at once and answered before → after; a bad price or an unknown product: nothing. */
export const changePrice: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const match = PRICE.exec(turn.text);
  const words = match?.[1] ?? "";
  const price = match?.[2] ?? "";
  const product = findProduct(input.catalog, words);
  if (!product) return [messages.productNotSold(words)];
  try {
    const changed = await changeProductPrice(input.context, input.businessId, product.sku, price);
    if (changed.fromCents !== changed.toCents) input.context.emit("catalog_changed");
    return [messages.priceChanged(changed.name, changed.fromCents, changed.toCents)];
  } catch (error) {
    if (error instanceof AppError && error.reason === "invalid_price") return [messages.priceRefused(price)];
    if (error instanceof AppError && error.reason === "price_too_high") return [messages.priceTooHigh(MAX_PRICE_CENTS)];
    throw error;
  }
};
