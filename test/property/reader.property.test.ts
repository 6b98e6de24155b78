import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileCatalog } from "../../bot/understand/compile-catalog.ts";
import { toParseResponse, understandMessage } from "../../bot/understand/understand-message.ts";
import type { CatalogEntry } from "../../core/domain/catalog.ts";
import { MAX_QUANTITY_MILLI } from "../../core/domain/quantity.ts";

/*
 * Property tier for the reader's top-level function: whatever a person (or a fuzzer) writes, reading it never
 * throws, and every item it reads has a positive quantity within the order-line rule.
 */
const runs = { seed: 20261206, numRuns: 1_500 };

const file = JSON.parse(
  readFileSync(new URL("../../bot/understand/test-support/grocer/catalog.json", import.meta.url), "utf8"),
) as { products: (Omit<CatalogEntry, "aliases" | "category"> & { aliases?: string[]; category?: string })[] };
const catalog = compileCatalog(
  file.products.map((product) => ({
    sku: product.sku,
    name: product.name,
    unit: product.unit,
    aliases: product.aliases ?? [],
    category: product.category ?? null,
  })),
);
const productWords = file.products.flatMap((product) => [product.name, ...(product.aliases ?? [])]);

/** Pieces orders are made of, and pieces that break readers: mixed at random into one message. */
const piece = fc.oneof(
  fc.constantFrom(...productWords),
  fc.constantFrom("kg", "g", "dz", "dúzia", "meia", "um", "dois", "mil", "milhão", "de", "e", ",", "\n", "tira", "sim"),
  fc.constantFrom("NaN", "Infinity", "-5", "1e9", "1.000,50", "1.001", "0", "0,0001", "constructor", "__proto__"),
  fc.integer({ min: -1e6, max: 1e12 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("\u0000", "\u200d", "\ud800", "🍅", "\u0301", "%", "½"),
);
const message = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(" "));

describe("reading a message, for any text", () => {
  it("never throws, and reads only positive quantities within the order-line rule", () => {
    fc.assert(
      fc.property(fc.oneof(message, fc.string({ unit: "binary", maxLength: 500 })), (text) => {
        const understanding = understandMessage(text, catalog);
        for (const item of understanding.items) {
          expect(Number.isSafeInteger(item.quantityMilli)).toBe(true);
          if (understanding.intent !== "remove") {
            expect(item.quantityMilli).toBeGreaterThan(0);
            expect(item.quantityMilli).toBeLessThanOrEqual(MAX_QUANTITY_MILLI);
          }
        }
        const response = toParseResponse(understanding);
        expect(() => JSON.stringify(response)).not.toThrow();
      }),
      runs,
    );
  });
});
