import type { CompiledCatalog } from "./compile-catalog.ts";
import { productWords } from "./product-words.ts";
import type { SegmentReading } from "./read-segment.ts";
import { singularize } from "./singularize.ts";
import { CONNECTING_WORDS } from "./word-lists.ts";

/** An elided kind is a word or two ("verdes", "de uva"); longer lines are items of their own. */
const MAX_ELIDED_WORDS = 2;

/**
 * Reads a line that names only a kind, right after a product of the same family: "2 cocos secos e 2 verdes" is two
 * Coco Verde, "1 suco de laranja e 1 de uva" one Suco de Uva. The kind joins the first word of the product before
 * it; when that names another product of the catalog, the line is that product with its own amount.
 */
export function completeEllipticKinds(readings: SegmentReading[], catalog: CompiledCatalog): void {
  readings.forEach((reading, index) => {
    const elided = reading.unknown;
    if (!elided || reading.mentions.length > 0 || reading.mode === "remove" || reading.quantities.length === 0) return;
    const kind = elided.words.filter((word) => !CONNECTING_WORDS.has(word)).map(singularize);
    if (kind.length === 0 || kind.length > MAX_ELIDED_WORDS) return;
    const before = readings[index - 1]?.mentions.at(-1)?.target;
    if (before?.kind !== "product") return;
    const [family] = productWords(catalog.products.get(before.sku)?.name ?? "");
    if (!family) return;
    const target = catalog.phrases.get([family, ...kind].join(" "));
    if (target?.kind !== "product" || target.sku === before.sku) return;
    reading.mentions.push({ target, quantities: reading.quantities, start: elided.start, end: elided.end });
    reading.quantities = [];
    reading.unknown = null;
  });
}
