import { describe, expect, test } from "vitest";
import { exampleCatalog } from "./test-support/example-catalog.ts";
import { summarize } from "./test-support/summarize.ts";
import { toParseResponse, understandMessage } from "./understand-message.ts";

const read = (text: string) => summarize(understandMessage(text, exampleCatalog));
const nothing = { intent: "other", items: [], clarify: [], unknown: [] };

describe("hostile and odd input", () => {
  test.each([
    ["an empty message", ""],
    ["only spaces and newlines", "  \n\t \n "],
    ["only emoji", "😀😀👍🏽🍅🥦"],
    ["only punctuation", "?!?!... ;;; ---"],
    ["only control characters", "\u0000\u0001\u0002\u001b\u007f"],
    ["a zero-width joiner", "\u200d\u200b"],
  ])("reads %s as nothing in particular", (_what, text) => {
    expect(read(text)).toEqual(nothing);
  });

  test("control characters inside an order only separate words", () => {
    expect(read("\u00002kg\u0007 de\u001b tomate\u007f").items).toEqual(["tomate 2 kg"]);
  });

  test.each([
    "'; DROP TABLE orders; --",
    "1; DELETE FROM products WHERE 1=1",
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a template injection attempt, on purpose.
    "${process.exit(1)}",
    "{{constructor.constructor('return process')()}}",
    "__proto__",
    "constructor",
  ])("reads %j without acting on it or failing", (text) => {
    const understanding = understandMessage(text, exampleCatalog);
    expect(understanding.items).toEqual([]);
    expect(() => JSON.stringify(toParseResponse(understanding))).not.toThrow();
  });

  test("an order with HTML around it still reads the item", () => {
    expect(read("<b>2kg de tomate</b>").items).toEqual(["tomate 2 kg"]);
  });

  test.each([
    ["repeated words", "tomate ".repeat(15_000)],
    ["gibberish", "asdkjh qwe zxcvb ".repeat(6_000)],
    ["one long number", "9".repeat(100_000)],
    ["one long word", "a".repeat(100_000)],
    ["many lines of items", "2kg de tomate\n".repeat(7_500)],
    ["many e's", "e ".repeat(50_000)],
    ["many numbers", "1 ".repeat(50_000)],
    ["many emoji", "🍅".repeat(50_000)],
    ["accented letters", "ãéíõç".repeat(20_000)],
  ])("answers 100 KB of %s quickly", (_what, text) => {
    const started = performance.now();
    const understanding = understandMessage(text, exampleCatalog);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(understanding.unknown.length).toBeLessThanOrEqual(20);
    expect(understanding.problems.length).toBeLessThanOrEqual(20);
  });

  test("never throws on arbitrary characters", () => {
    let seed = 7;
    for (let round = 0; round < 300; round++) {
      let text = "";
      for (let index = 0; index < 60; index++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        text += String.fromCharCode(seed % 0x3000);
      }
      expect(() => understandMessage(text, exampleCatalog)).not.toThrow();
    }
  });

  test("a lone surrogate half is harmless", () => {
    expect(read("\ud83c 2kg de tomate \udf45").items).toEqual(["tomate 2 kg"]);
  });
});

describe("the customer's words as keys", () => {
  test.each(["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__"])(
    "finds no suggestion for an unknown %j that the reader did not make",
    (word) => {
      const understanding = understandMessage(`2 ${word}`, exampleCatalog);
      for (const fragment of [...understanding.unknown, word])
        expect(
          understanding.suggestions[fragment] === undefined || Array.isArray(understanding.suggestions[fragment]),
        ).toBe(true);
    },
  );
});
