import type { Product } from "../../core/domain/catalog.ts";
import { comparableText } from "../../core/domain/comparable-text.ts";
import { understandMessage } from "../understand/understand-message.ts";
import type { CatalogSnapshot } from "./catalog-cache.ts";

/**
 * The one product the entrepreneur names ("morango", "o tomate", "ovos caipira"): by name, sku or alias as written,
 * else as the reader reads it (plurals, accents, typos). Undefined when no product or more than one fits: a change
 * to the catalog is never made on a guess.
 */
export function findProduct(catalog: CatalogSnapshot, words: string): Product | undefined {
  const wanted = comparableText(words.replace(/^\s*(?:[oa]s?|the)\s+/i, ""));
  const named = catalog.products.find(
    (product) =>
      comparableText(product.name) === wanted ||
      product.sku === wanted ||
      product.aliases.some((alias) => comparableText(alias) === wanted),
  );
  if (named) return named;
  const reading = understandMessage(words, catalog.compiled);
  const skus = new Set([...reading.items.map((item) => item.sku), ...reading.clarify]);
  if (skus.size !== 1 || reading.unknown.length > 0) return undefined;
  const [sku] = skus;
  return sku === undefined ? undefined : catalog.bySku.get(sku);
}
