import { describe, expect, test } from "vitest";
import type { CatalogEntry } from "../../core/domain/catalog.ts";
import { order, summarize } from "./test-support/summarize.ts";
import { compileCatalog, understandMessage } from "./understand-message.ts";

/** A bakery and butcher's shop, shaped unlike the produce catalog: nothing here is tuned to the example. */
const entries: CatalogEntry[] = [
  { sku: "PAO-FR", name: "Pão Francês", unit: "un", aliases: ["carioquinha"], category: "Padaria" },
  { sku: "PAO-QJ", name: "Pão de Queijo", unit: "kg", aliases: [], category: "Padaria" },
  { sku: "PAO-FORMA", name: "Pão de Forma Integral 500g", unit: "pct", aliases: [], category: "Padaria" },
  { sku: "BOLO-MILHO", name: "Bolo de Milho", unit: "un", aliases: [], category: "Padaria" },
  { sku: "SONHO", name: "Sonho de Creme", unit: "un", aliases: ["sonho"], category: "Padaria" },
  { sku: "PASTEL", name: "Pastel de Carne", unit: "un", aliases: [], category: "Salgados" },
  { sku: "COXINHA", name: "Coxinha", unit: "un", aliases: [], category: "Salgados" },
  { sku: "CARNE-MOIDA", name: "Carne Moída", unit: "kg", aliases: ["carne moida de primeira"], category: "Açougue" },
  { sku: "CARNE-SOL", name: "Carne de Sol", unit: "kg", aliases: ["carne seca"], category: "Açougue" },
  { sku: "LINGUICA", name: "Linguiça Toscana", unit: "kg", aliases: ["linguiça"], category: "Açougue" },
  { sku: "PICANHA", name: "Picanha", unit: "kg", aliases: [], category: "Açougue" },
  { sku: "LEITE", name: "Leite Tipo C", unit: "l", aliases: ["leite"], category: "Frios" },
  { sku: "QUEIJO-MUS", name: "Queijo Mussarela", unit: "g", aliases: ["mussarela", "muçarela"], category: "Frios" },
  { sku: "PRESUNTO", name: "Presunto Cozido", unit: "g", aliases: ["presunto"], category: "Frios" },
  { sku: "IOGURTE-CX", name: "Iogurte de Morango", unit: "cx", aliases: ["iogurte"], category: "Frios" },
  { sku: "ROMEU", name: "Queijo e Goiabada", unit: "un", aliases: ["romeu e julieta"], category: "Doces" },
  { sku: "OVOS-DZ", name: "Ovos Vermelhos", unit: "dz", aliases: ["ovo"], category: "Mercearia" },
  { sku: "CAFE-500", name: "Café Extra Forte 500g", unit: "pct", aliases: ["cafe"], category: "Mercearia" },
];
const bakery = compileCatalog(entries);
const read = (text: string) => summarize(understandMessage(text, bakery));

describe("a bakery and butcher's catalog", () => {
  test.each([
    ["10 pães franceses", "PAO-FR 10 un"],
    ["10 pão francês", "PAO-FR 10 un"],
    ["10 carioquinhas", "PAO-FR 10 un"],
    ["meia dúzia de pão francês", "PAO-FR 6 un"],
    ["uma dúzia de pão frances", "PAO-FR 12 un"],
    ["500g de pão de queijo", "PAO-QJ 0.5 kg"],
    ["meio quilo de pão de queijo", "PAO-QJ 0.5 kg"],
    ["2 pães de forma", "PAO-FORMA 2 pct"],
    ["1 pacote de pão de forma integral", "PAO-FORMA 1 pct"],
    ["1 bolo de milho", "BOLO-MILHO 1 un"],
    ["3 sonhos", "SONHO 3 un"],
    ["4 pastéis de carne", "PASTEL 4 un"],
    ["4 pasteis", "PASTEL 4 un"],
    ["10 coxinhas", "COXINHA 10 un"],
    ["1kg de carne moída", "CARNE-MOIDA 1 kg"],
    ["1,5 kg de carne de sol", "CARNE-SOL 1.5 kg"],
    ["2kg de carne seca", "CARNE-SOL 2 kg"],
    ["1kg de linguiça", "LINGUICA 1 kg"],
    ["1,2kg de picanha", "PICANHA 1.2 kg"],
    ["2 litros de leite", "LEITE 2 l"],
    ["500 ml de leite", "LEITE 0.5 l"],
    ["300g de mussarela", "QUEIJO-MUS 300 g"],
    ["300g de muçarela", "QUEIJO-MUS 300 g"],
    ["0,5 kg de queijo mussarela", "QUEIJO-MUS 500 g"],
    ["meio quilo de presunto", "PRESUNTO 500 g"],
    ["200 gramas de presunto", "PRESUNTO 200 g"],
    ["2 caixas de iogurte", "IOGURTE-CX 2 cx"],
    ["2 iogurtes", "IOGURTE-CX 2 cx"],
    ["1 romeu e julieta", "ROMEU 1 un"],
    ["2 queijo e goiabada", "ROMEU 2 un"],
    ["1 dúzia de ovos", "OVOS-DZ 1 dz"],
    ["36 ovos", "OVOS-DZ 3 dz"],
    ["2 pacotes de café", "CAFE-500 2 pct"],
  ])("reads %j as %s", (text, item) => {
    expect(read(text)).toEqual(order(item));
  });

  test("an ' e ' inside a product name does not split the list, while the others do", () => {
    expect(read("2 romeu e julieta e 3 coxinhas")).toEqual(order("ROMEU 2 un", "COXINHA 3 un"));
  });

  test("a word shared by several products is asked about, with those products suggested", () => {
    const understanding = understandMessage("2 pães", bakery);
    expect(understanding.unknown).toEqual(["pães"]);
    expect(understanding.suggestions.pães).toEqual(["PAO-FORMA", "PAO-FR", "PAO-QJ"]);
  });

  test.each([
    ["3 picanhas", "PICANHA"],
    ["1 kg de leite", "LEITE"],
    ["2 queijos mussarela", "QUEIJO-MUS"],
    ["1 litro de presunto", "PRESUNTO"],
    ["5 ovos", "OVOS-DZ"],
    ["30 ovos", "OVOS-DZ"],
  ])("asks about %j", (text, sku) => {
    expect(read(text).clarify).toEqual([sku]);
  });

  test("a product of the example catalog is unknown here", () => {
    expect(read("2kg de tomate")).toEqual({ intent: "order", items: [], clarify: [], unknown: ["tomate"] });
  });

  test("picanha is a product here, not an unknown word", () => {
    expect(read("1 kg de tomate e 1 kg de picanha")).toEqual({
      intent: "order",
      items: ["PICANHA 1 kg"],
      clarify: [],
      unknown: ["tomate"],
    });
  });

  test("a full list with greetings, bullets and typos", () => {
    expect(
      read("Boa tarde!\n- 10 paes frances\n- 500g de pao de qeijo\n- 1kg de carne moida\n- 2 litros de leite\nobg"),
    ).toEqual(order("PAO-FR 10 un", "PAO-QJ 0.5 kg", "CARNE-MOIDA 1 kg", "LEITE 2 l"));
  });
});

describe("a product named twice in one line", () => {
  const fish = compileCatalog([
    { sku: "TILAPIA", name: "Filé de Tilápia", unit: "kg", aliases: ["tilapia"], category: "Peixaria" },
    { sku: "MERLUZA", name: "Merluza em Posta", unit: "kg", aliases: [], category: "Peixaria" },
  ]);

  test.each(["1kg de tilápia em filé", "filé 1kg tilápia", "1kg of tilapia fillet"])(
    "reads %j as one item, not an item and a question about it",
    (text) => {
      expect(summarize(understandMessage(text, fish))).toEqual(order("TILAPIA 1 kg"));
    },
  );
});
