import type { IntentHandler } from "../turn.ts";

/**
 * "quanto tá o tomate?", "tem abacate?": each product's price and whether it is in stock this week, or that it is not
 * sold (with what is).
 */
export const productQuestion: IntentHandler = async (turn) => {
  const { input, messages, understanding } = turn;
  const products = understanding.items.flatMap((item) => {
    const product = input.catalog.bySku.get(item.sku);
    return product
      ? [{ name: product.name, unit: product.unit, priceCents: product.priceCents, available: product.available }]
      : [];
  });
  const missing = understanding.unknown.map((text) => ({
    text,
    suggestions: (understanding.suggestions[text] ?? []).map((sku) => input.catalog.bySku.get(sku)?.name ?? sku),
  }));
  return [messages.productInfo(products, missing)];
};
