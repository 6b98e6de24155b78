import { describe, expect, test } from "vitest";
import { editDistance } from "./edit-distance.ts";
import { translateEnglish } from "./english-glossary.ts";
import { normalizeText } from "./normalize-text.ts";
import { readNumberWords } from "./number-words.ts";
import { phoneticKey } from "./phonetic-key.ts";
import { productWords } from "./product-words.ts";
import { singularize } from "./singularize.ts";
import { loadCorpus, loadExampleCatalog } from "./test-support/load-example-catalog.ts";
import { compileCatalog, toParseResponse, type Understanding, understandMessage } from "./understand-message.ts";

describe("determinism", () => {
  const entries = loadExampleCatalog();
  const texts = [...loadCorpus().map((line) => line.text), "1kg de queijo", "2kg de tomatinho", "3 pães"];

  test("the order of the catalog's products never changes a reading", () => {
    const forward = compileCatalog(entries);
    const backward = compileCatalog([...entries].reverse());
    const interleaved = compileCatalog(
      [...entries].sort((first, second) => (first.name.length % 3) - (second.name.length % 3)),
    );
    for (const text of texts) {
      const expected = understandMessage(text, forward);
      expect(understandMessage(text, backward)).toEqual(expected);
      expect(understandMessage(text, interleaved)).toEqual(expected);
    }
  });

  test("reading the same text twice gives the same answer", () => {
    const catalog = compileCatalog(entries);
    for (const text of texts) expect(understandMessage(text, catalog)).toEqual(understandMessage(text, catalog));
  });

  test("two products claiming the same alias are settled by sku, not by position", () => {
    const twins = [
      { sku: "b-tomate", name: "Tomate B", unit: "kg" as const, aliases: ["tomate"], category: null },
      { sku: "a-tomate", name: "Tomate A", unit: "kg" as const, aliases: ["tomate"], category: null },
    ];
    expect(understandMessage("1kg de tomate", compileCatalog(twins)).items[0]?.sku).toBe("a-tomate");
    expect(understandMessage("1kg de tomate", compileCatalog([...twins].reverse())).items[0]?.sku).toBe("a-tomate");
  });
});

describe("the parse response", () => {
  const base: Understanding = {
    intent: "order",
    items: [{ sku: "tomate", quantityMilli: 1500, unit: "kg" }],
    unknown: ["picanha"],
    clarify: ["cebola"],
    problems: [],
    suggestions: {},
    language: "pt-BR",
    languageEvident: true,
  };

  test("turns thousandths into plain numbers", () => {
    expect(toParseResponse(base)).toEqual({
      intent: "order",
      items: [{ sku: "tomate", quantity: 1.5, unit: "kg" }],
      unknown: ["picanha"],
      clarify: ["cebola"],
    });
  });

  test("omits status and order when absent and keeps them when present", () => {
    expect(Object.keys(toParseResponse(base))).toEqual(["intent", "items", "unknown", "clarify"]);
    const response = toParseResponse({ ...base, intent: "order_status", items: [], status: "delivered", order: 42 });
    expect(response).toMatchObject({ status: "delivered", order: 42 });
  });
});

describe("the parts of the reader", () => {
  test.each([
    ["Maçã", "maca"],
    ["LIMÕES", "limoes"],
    ["*Pão*", " pao "],
    ["Feijão-Verde", "feijao-verde"],
    ["ção ÇÃO", "cao cao"],
    ["I'd", "id"],
  ])("folds %j to %j", (text, folded) => {
    expect(normalizeText(text).text).toBe(folded);
  });

  test.each([
    ["tomates", "tomate"],
    ["limoes", "limao"],
    ["paes", "pao"],
    ["pasteis", "pastel"],
    ["bombons", "bombom"],
    ["flores", "flor"],
    ["nozes", "noz"],
    ["chuchus", "chuchu"],
    ["abacaxis", "abacaxi"],
    ["ovos", "ovo"],
    ["mel", "mel"],
    ["uva", "uva"],
  ])("singularizes %j to %j", (plural, singular) => {
    expect(singularize(plural)).toBe(singular);
  });

  test.each([
    ["tomate", "tomate", 0],
    ["tomatte", "tomate", 1],
    ["tomaet", "tomate", 1],
    ["cebola", "cebolinha", 3],
    ["abc", "xyz", 3],
  ])("measures %j to %j as %i edits", (first, second, distance) => {
    expect(editDistance(first, second, 5)).toBe(distance);
  });

  test("stops counting edits past the limit", () => {
    expect(editDistance("picanha", "pimentao", 2)).toBe(3);
  });

  test.each([
    ["chuxu", "chuchu"],
    ["keijo", "queijo"],
    ["sebola", "cebola"],
    ["tomatte", "tomate"],
    ["ortela", "hortela"],
    ["mati", "mate"],
    ["repolhu", "repolho"],
    ["acuca", "acucar"],
    ["beringela", "berinjela"],
    ["jengibre", "gengibre"],
  ])("gives %j and %j the same sound key", (first, second) => {
    expect(phoneticKey(first)).toBe(phoneticKey(second));
  });

  test.each([
    [["vinte", "e", "dois"], 22, 3],
    [["cento", "e", "cinquenta"], 150, 3],
    [["dois", "mil"], 2000, 2],
    [["dois", "e", "meio"], 2, 1],
    [["twenty", "two"], 22, 2],
    [["three", "hundred"], 300, 2],
  ])("reads the number words %j as %i", (words, value, length) => {
    expect(readNumberWords(words)).toEqual({ value, length });
  });

  test.each([
    ["Arroz Branco 1kg", ["arroz", "branco"]],
    ["Queijo de Manteiga", ["queijo", "manteiga"]],
    ["banana-prata", ["banana", "prata"]],
    ["Mel de Abelha 500g", ["mel", "abelha"]],
  ])("takes the product words of %j", (name, words) => {
    expect(productWords(name)).toEqual(words);
  });

  test("translates English product words, longest phrase first", () => {
    expect(translateEnglish(["red", "onions"])?.words).toEqual(["cebola", "roxa"]);
    expect(translateEnglish(["strawberries"])?.words).toEqual(["morango"]);
    expect(translateEnglish(["tomate"])).toBeNull();
  });
});
