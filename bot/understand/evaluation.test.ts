import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { catalogInputSchema } from "../../core/app/catalog-input.ts";
import { fold, itemKey } from "./test-support/compare-readings.ts";
import {
  type CompiledCatalog,
  compileCatalog,
  type ParseResponse,
  toParseResponse,
  understandMessage,
} from "./understand-message.ts";

/**
 * How well the reader generalises: three stores' catalogs (Natal, São Paulo, Porto Alegre, each with near-collisions
 * such as two batatas, queijos, leites, pães or sucos) and messages written as their customers type them, labelled
 * from PRODUCT.md's rules before the reader ever read them (test-support/evaluation). Where the contract leaves the
 * reading open, a message is marked `debatable` and does not count.
 *
 * A hash of each text puts 30 % of the messages out of reach for good: the reader was tuned on the other 70 % only,
 * and only their misreadings are ever printed. The held-out figure is the one that says how the reader does on
 * messages nobody has shown it.
 */
const TUNED_FLOOR = 0.995;
// The target is 97 %. The held-out part read 96.9 % before the reader learnt rules that generalise (parts of goods,
// synonyms inside names, spellings by ear, "zero" as a kind, greetings); measured once after them: 97.8 % (315 of
// 322). The floor is that figure less one message.
const HELD_OUT_FLOOR = 0.975;
const STORES = ["nordeste", "sudeste", "sul"] as const;

interface ExpectedReading {
  id: string;
  lang: "pt" | "en";
  text: string;
  intent: string;
  /** Remove intents name only the sku. */
  items: { sku: string; quantity?: number; unit?: string }[];
  clarify: string[];
  /** Words that must appear, each in its own unknown fragment, accents and case aside. */
  unknown: string[];
  /** Products whose amount must be refused (out of bounds, not a number, a fraction of a piece): never an item. */
  refused?: string[];
  debatable?: string;
}

interface Case {
  store: string;
  catalog: CompiledCatalog;
  expected: ExpectedReading;
  heldOut: boolean;
}

const folder = new URL("./test-support/evaluation/", import.meta.url);

function loadStore(store: string): Case[] {
  const file = catalogInputSchema.parse(JSON.parse(readFileSync(new URL(`${store}/catalog.json`, folder), "utf8")));
  const catalog = compileCatalog(
    file.products.map((product) => ({
      sku: product.sku,
      name: product.name,
      unit: product.unit,
      aliases: product.aliases ?? [],
      category: product.category ?? null,
    })),
  );
  return readFileSync(new URL(`${store}/messages.jsonl`, folder), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const expected = JSON.parse(line) as ExpectedReading;
      return { store, catalog, expected, heldOut: isHeldOut(expected.text) };
    });
}

/** The split never moves: three in ten of the first bytes of a text's SHA-256 fall below 77. */
function isHeldOut(text: string): boolean {
  return (createHash("sha256").update(text, "utf8").digest()[0] ?? 0) < 77;
}

/** What differs between a reading and its expectation; empty when it is exactly right. */
function differences(expected: ExpectedReading, actual: ParseResponse): string[] {
  const found: string[] = [];
  if (actual.intent !== expected.intent) found.push(`intent ${actual.intent}`);
  const items = actual.items.map(itemKey).sort();
  if (JSON.stringify(items) !== JSON.stringify(expected.items.map(itemKey).sort())) found.push(`items ${items}`);
  const refused = new Set(expected.refused ?? []);
  const clarify = actual.clarify.filter((sku) => !refused.has(sku)).sort();
  if (JSON.stringify(clarify) !== JSON.stringify([...expected.clarify].sort())) found.push(`clarify ${clarify}`);
  const fragments = actual.unknown.map(fold);
  const allFound = expected.unknown.every((words) => {
    const index = fragments.findIndex((fragment) => fragment.includes(fold(words)));
    if (index >= 0) fragments.splice(index, 1);
    return index >= 0;
  });
  // A refused amount may be named as not understood; nothing else may be.
  if (!allFound || (refused.size === 0 && fragments.length > 0)) found.push(`unknown ${actual.unknown}`);
  return found;
}

/** Products taken that the message did not ask for: a related product read for the one named, or a refused amount. */
function productsNotAskedFor(expected: ExpectedReading, actual: ParseResponse): string[] {
  const asked = new Set(expected.items.map((item) => item.sku));
  return actual.items.map((item) => item.sku).filter((sku) => !asked.has(sku));
}

const cases = STORES.flatMap(loadStore);
const firm = cases.filter((entry) => entry.expected.debatable === undefined);
const readings = firm.map((entry) => {
  const actual = toParseResponse(understandMessage(entry.expected.text, entry.catalog));
  return { entry, actual, found: differences(entry.expected, actual) };
});
const describeReading = (reading: (typeof readings)[number]) =>
  `${reading.entry.expected.id} ${JSON.stringify(reading.entry.expected.text)}: ${reading.found.join("; ")}`;

function accuracy(heldOut: boolean): { right: number; total: number; misread: string[] } {
  const part = readings.filter((reading) => reading.entry.heldOut === heldOut);
  const misread = part.filter((reading) => reading.found.length > 0);
  return { right: part.length - misread.length, total: part.length, misread: misread.map(describeReading) };
}

const tuned = accuracy(false);
const heldOut = accuracy(true);
const percent = (part: { right: number; total: number }) => `${((100 * part.right) / part.total).toFixed(1)} %`;

describe("reading messages from three stores' customers, written apart from the reader", () => {
  test("has over a thousand messages whose reading the contract settles, about a tenth in English", () => {
    expect(firm.length).toBeGreaterThanOrEqual(1000);
    const english = cases.filter((entry) => entry.expected.lang === "en").length;
    expect(english / cases.length).toBeGreaterThan(0.08);
    for (const store of STORES) expect(cases.filter((entry) => entry.store === store).length).toBeGreaterThan(300);
  });

  test("keeps close to 30 % of them held out, by a hash of their text", () => {
    const share = cases.filter((entry) => entry.heldOut).length / cases.length;
    expect(share).toBeGreaterThan(0.27);
    expect(share).toBeLessThan(0.33);
  });

  test(`reads at least ${TUNED_FLOOR * 100} % of the messages it was tuned on exactly right`, () => {
    console.info(
      `evaluation: tuned ${percent(tuned)} of ${tuned.total}, held out ${percent(heldOut)} of ${heldOut.total}`,
    );
    expect(tuned.right / tuned.total, `misread:\n${tuned.misread.join("\n")}`).toBeGreaterThanOrEqual(TUNED_FLOOR);
  });

  test(`reads at least ${HELD_OUT_FLOOR * 100} % of the held-out messages exactly right`, () => {
    // Only the count is shown: naming them would be tuning on them.
    expect(heldOut.right / heldOut.total, `${heldOut.misread.length} misread`).toBeGreaterThanOrEqual(HELD_OUT_FLOOR);
  });

  test("never takes a product the message did not ask for, nor an amount it must refuse", () => {
    const taken = readings
      .filter((reading) => productsNotAskedFor(reading.entry.expected, reading.actual).length > 0)
      .map((reading) =>
        reading.entry.heldOut
          ? "a held-out message"
          : `${describeReading(reading)} (took ${productsNotAskedFor(reading.entry.expected, reading.actual)})`,
      );
    expect(taken, taken.join("\n")).toEqual([]);
  });
});
