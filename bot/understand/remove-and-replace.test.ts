import { describe, expect, test } from "vitest";
import { exampleCatalog } from "./test-support/example-catalog.ts";
import { summarize } from "./test-support/summarize.ts";
import { toParseResponse, understandMessage } from "./understand-message.ts";

const read = (text: string) => summarize(understandMessage(text, exampleCatalog));
const removal = (...items: string[]) => ({ intent: "remove", items, clarify: [], unknown: [] });

describe("taking items out of the order", () => {
  test.each([
    ["tira o coentro", ["coentro 0 maco"]],
    ["tirar o coentro", ["coentro 0 maco"]],
    ["pode tirar a melancia do meu pedido", ["melancia 0 kg"]],
    ["sem coentro", ["coentro 0 maco"]],
    ["remove the eggs", ["ovos 0 dz"]],
    ["remover tomate", ["tomate 0 kg"]],
    ["retira as cebolas", ["cebola 0 kg"]],
    ["exclui o abacaxi", ["abacaxi 0 un"]],
    ["não quero mais o tomate", ["tomate 0 kg"]],
    ["cancela o tomate", ["tomate 0 kg"]],
    ["tira o coentro e a cebola", ["coentro 0 maco", "cebola 0 kg"]],
    ["tira coentro, cebola e alface", ["coentro 0 maco", "cebola 0 kg", "alface 0 un"]],
    ["tira o tomate e o tomate", ["tomate 0 kg"]],
  ])("reads %j as removing %j", (text, items) => {
    expect(read(text)).toEqual(removal(...items));
  });

  test("the parse response of a removal names only the sku", () => {
    expect(toParseResponse(understandMessage("tira o coentro", exampleCatalog))).toEqual({
      intent: "remove",
      items: [{ sku: "coentro" }],
      unknown: [],
      clarify: [],
    });
  });

  test("names a removed product that is not in the catalog", () => {
    expect(read("tira a picanha")).toEqual({ intent: "remove", items: [], clarify: [], unknown: ["picanha"] });
  });

  test("an order that also removes something sets the removed product to zero", () => {
    expect(read("tira o coentro e mais 1kg de tomate")).toEqual({
      intent: "order",
      items: ["tomate 1 kg", "coentro 0 maco replace"],
      clarify: [],
      unknown: [],
    });
  });

  test("a product containing the word sem is not a removal", () => {
    expect(read("2kg de uva sem semente").intent).toBe("order");
  });
});

describe("changing the quantity of an item", () => {
  test.each([
    ["troca tomate por 3kg", "tomate 3 kg replace"],
    ["muda o tomate pra 3kg", "tomate 3 kg replace"],
    ["muda o tomate para 3 kg", "tomate 3 kg replace"],
    ["troca o tomate de 2kg para 3kg", "tomate 3 kg replace"],
    ["altera a alface para 4", "alface 4 un replace"],
    ["change the tomatoes to 3kg", "tomate 3 kg replace"],
  ])("reads %j as setting %s", (text, item) => {
    expect(read(text)).toEqual({ intent: "order", items: [item], clarify: [], unknown: [] });
  });

  test("adding without a change verb never marks the item as a replacement", () => {
    expect(understandMessage("mais 1kg de cebola", exampleCatalog).items[0]?.replace).toBeUndefined();
  });
});
