import type { CompiledCatalog } from "./compile-catalog.ts";
import { catalogWordsSharingPrefix, similarCatalogWords } from "./fuzzy-word.ts";
import { singularize } from "./singularize.ts";

const MAX_SUGGESTIONS = 3;

/**
 * Up to three skus the customer may have meant by words that named no product: products whose names have
 * a word that sounds close (one edit looser than matching allows) or
 * shares a long beginning with it. Closest first, then by the word's place, then by sku.
 */
export function suggestProducts(words: readonly string[], catalog: CompiledCatalog): string[] {
  const ranked: { sku: string; distance: number; position: number }[] = [];
  words.slice(0, 4).forEach((word, position) => {
    const singular = singularize(word);
    for (const hit of similarCatalogWords(singular, catalog, 1, 6)) {
      for (const sku of catalog.skusByWord.get(hit.word) ?? []) ranked.push({ sku, distance: hit.distance, position });
    }
    // Shared beginnings rank after every sound-alike.
    for (const shared of catalogWordsSharingPrefix(singular, catalog, 6)) {
      for (const sku of catalog.skusByWord.get(shared) ?? []) ranked.push({ sku, distance: 10, position });
    }
  });
  // Equally close, the earlier word comes first: it names the goods ("maçã verde" suggests Maçã before Feijão Verde).
  ranked.sort(
    (first, second) =>
      first.distance - second.distance ||
      first.position - second.position ||
      (first.sku < second.sku ? -1 : first.sku > second.sku ? 1 : 0),
  );
  const skus: string[] = [];
  for (const { sku } of ranked) {
    if (!skus.includes(sku)) skus.push(sku);
    if (skus.length === MAX_SUGGESTIONS) break;
  }
  return skus;
}
