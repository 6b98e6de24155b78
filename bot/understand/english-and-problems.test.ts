import { describe, expect, test } from "vitest";
import { exampleCatalog } from "./test-support/example-catalog.ts";
import { order, summarize } from "./test-support/summarize.ts";
import { understandMessage } from "./understand-message.ts";

const read = (text: string) => summarize(understandMessage(text, exampleCatalog));

describe("English orders", () => {
  test.each([
    ["I'd like 2kg of tomatoes and a dozen eggs", ["tomate 2 kg", "ovos 1 dz"]],
    ["2kg of potatoes", ["batata 2 kg"]],
    ["1 kg of sweet potatoes", ["batata-doce 1 kg"]],
    ["2 kg of red onions", ["cebola-roxa 2 kg"]],
    ["a lettuce and two pineapples", ["alface 1 un", "abacaxi 2 un"]],
    ["3 bunches of coriander", ["coentro 3 maco"]],
    ["half a dozen eggs please", ["ovos 0.5 dz"]],
    ["a dozen white eggs", ["ovos-brancos 1 dz"]],
    ["I want 1 liter of milk", ["leite 1 l"]],
    ["can you send me 2kg of carrots?", ["cenoura 2 kg"]],
    ["2 trays of strawberries", ["morango 2 bandeja"]],
    ["1kg of apples, 2kg of oranges and 1kg of lemons", ["maca 1 kg", "laranja 2 kg", "limao 1 kg"]],
    ["2 packs of rice and 1 pack of coffee", ["arroz 2 pct", "cafe 1 pct"]],
    ["one watermelon of 5kg", ["melancia 5 kg"]],
    ["500g of chayote", ["chuchu 0.5 kg"]],
    ["1 jar of honey", ["mel 1 un"]],
  ])("reads %j", (text, items) => {
    expect(read(text)).toEqual(order(...items));
    expect(understandMessage(text, exampleCatalog).language).toBe("en");
  });

  test("names an English product the catalog does not sell", () => {
    expect(read("2kg of beef")).toEqual({ intent: "order", items: [], clarify: [], unknown: ["beef"] });
  });

  test("a count of an English product sold by weight is asked about", () => {
    expect(read("3 tomatoes").clarify).toEqual(["tomate"]);
  });
});

describe("refused quantities", () => {
  test.each([
    ["0 kg de tomate", "not_positive"],
    ["0 alfaces", "not_positive"],
    ["zero alfaces", "not_positive"],
    ["-2kg de tomate", "not_positive"],
    ["tomate -1kg", "not_positive"],
    ["1001 alfaces", "too_large"],
    ["2000 kg de tomate", "too_large"],
    ["1000,5 kg de tomate", "too_large"],
    ["dois mil alfaces", "too_large"],
    ["99999999999999999999 alfaces", "too_large"],
    ["84 dúzias de rapadura", "too_large"],
    ["1,2345 kg de tomate", "too_precise"],
    ["0,0005 kg de tomate", "too_precise"],
    ["1/3 kg de tomate", "too_precise"],
    ["0,5 g de tomate", "too_precise"],
    ["1,5 g de queijo coalho", "too_precise"],
  ])("refuses %j as %s", (text, reason) => {
    const understanding = understandMessage(text, exampleCatalog);
    expect(understanding.items).toEqual([]);
    expect(understanding.problems).toHaveLength(1);
    expect(understanding.problems[0]?.reason).toBe(reason);
    expect(understanding.intent).toBe("order");
  });

  test("a refused quantity names the product and the line it came from", () => {
    expect(understandMessage("2kg de cebola\n0 kg de tomate", exampleCatalog).problems).toEqual([
      { text: "0 kg de tomate", sku: "tomate", reason: "not_positive" },
    ]);
  });

  test("keeps the good items of a message with a refused quantity", () => {
    expect(summarize(understandMessage("2kg de cebola, 5000 alfaces", exampleCatalog)).items).toEqual(["cebola 2 kg"]);
  });

  test("exactly the maximum is accepted", () => {
    expect(read("1000 kg de tomate")).toEqual(order("tomate 1000 kg"));
    expect(read("0,001 kg de tomate")).toEqual(order("tomate 0.001 kg"));
  });

  test("summing the same product past the maximum is refused", () => {
    const understanding = understandMessage("600 kg de tomate e 600 kg de tomate", exampleCatalog);
    expect(summarize(understanding).items).toEqual(["tomate 600 kg"]);
    expect(understanding.problems.map((problem) => problem.reason)).toEqual(["too_large"]);
  });
});
