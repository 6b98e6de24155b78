import { describe, expect, test } from "vitest";
import type { CatalogEntry } from "../../core/domain/catalog.ts";
import type { Unit } from "../../core/domain/units.ts";
import { translateEnglish } from "./english-glossary.ts";
import { normalizeText } from "./normalize-text.ts";
import { exampleCatalog } from "./test-support/example-catalog.ts";
import { order, summarize } from "./test-support/summarize.ts";
import { compileCatalog, understandMessage } from "./understand-message.ts";

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

describe("English grocery words against the example catalog", () => {
  test.each([
    ["2 bunches of fresh coriander", ["coentro 2 maco"]],
    ["a bunch of green onions", ["cebolinha 1 maco"]],
    ["3 bunches of collard greens", ["couve 3 maco"]],
    ["1 kg of curd cheese", ["queijo-coalho 1 kg"]],
    ["500g of butter cheese", ["queijo-manteiga 0.5 kg"]],
    ["2kg of cassava", ["macaxeira 2 kg"]],
    ["a dozen silver bananas", ["banana-prata 1 dz"]],
    ["1kg of plantains", ["banana-da-terra 1 kg"]],
    ["1kg of pera oranges", ["laranja 1 kg"]],
    ["1 kg of tommy mangoes", ["manga 1 kg"]],
    ["1kg of seedless grapes", ["uva 1 kg"]],
    ["a dozen brown eggs", ["ovos 1 dz"]],
    ["1 kg of free range chicken", ["frango 1 kg"]],
    ["2 liters of whole milk", ["leite 2 l"]],
    ["2 plain yogurts", ["iogurte 2 un"]],
    ["1 pack of pinto beans", ["feijao 1 pct"]],
    ["1kg of manioc flour", ["farinha 1 kg"]],
    ["2kg of ripe tomatoes", ["tomate 2 kg"]],
    ["1kg of green bell pepper", ["pimentao 1 kg"]],
  ])("reads %j", (text, items) => {
    expect(read(text)).toEqual(order(...items));
  });

  test("a product the catalog lacks stays unknown, even when one of its words is sold (minas cheese)", () => {
    expect(read("500g of minas cheese")).toEqual({
      intent: "order",
      items: [],
      clarify: [],
      unknown: ["minas cheese"],
    });
    expect(read("100g of ground black pepper").unknown).toEqual(["ground black pepper"]);
  });
});

/** A minimarket whose names have several words, so English compound names must come out in Portuguese order. */
const minimarket = compileCatalog(
  (
    [
      ["peito-frango", "Peito de Frango", "kg"],
      ["sobrecoxa", "Sobrecoxa de Frango", "kg"],
      ["costela-suina", "Costela Suína", "kg"],
      ["contra-file", "Contra Filé", "kg"],
      ["merluza", "Filé de Merluza", "kg"],
      ["camarao", "Camarão Rosa", "kg"],
      ["leite-coco", "Leite de Coco 200ml", "un"],
      ["agua-coco", "Água de Coco 1L", "un"],
      ["suco-laranja", "Suco de Laranja 1L", "un"],
      ["suco-uva", "Suco de Uva 1L", "un"],
      ["queijo-minas", "Queijo Minas Frescal", "kg"],
      ["queijo-prato", "Queijo Prato Fatiado", "kg"],
      ["leite-condensado", "Leite Condensado", "un"],
      ["farinha-trigo", "Farinha de Trigo 1kg", "pct"],
      ["feijao-carioca", "Feijão Carioca 1kg", "pct"],
      ["feijao-preto", "Feijão Preto 1kg", "pct"],
      ["arroz", "Arroz Parboilizado 5kg", "pct"],
      ["azeite", "Azeite Extra Virgem 500ml", "un"],
      ["oleo", "Óleo de Soja 900ml", "un"],
      ["sabao-po", "Sabão em Pó 1kg", "cx"],
      ["detergente", "Detergente Líquido 500ml", "un"],
      ["agua-sanitaria", "Água Sanitária 1L", "un"],
      ["amaciante", "Amaciante 2L", "un"],
      ["papel-higienico", "Papel Higiênico 4 rolos", "pct"],
      ["creme-dental", "Creme Dental 90g", "un"],
      ["pimentao-vermelho", "Pimentão Vermelho", "kg"],
      ["pimentao-verde", "Pimentão Verde", "kg"],
      ["maca-verde", "Maçã Verde", "kg"],
      ["maca-gala", "Maçã Gala", "kg"],
      ["alface-americana", "Alface Americana", "un"],
      ["batata-doce", "Batata Doce", "kg"],
      ["bolo-milho", "Bolo de Milho", "un"],
      ["linguica", "Linguiça Calabresa Defumada", "kg"],
      ["pimenta-reino", "Pimenta-do-Reino Moída", "g"],
      ["ovos-codorna", "Ovos de Codorna", "dz"],
      ["ovos", "Ovos Brancos", "dz"],
    ] as const
  ).map(([sku, name, unit]): CatalogEntry => ({ sku, name, unit: unit as Unit, aliases: [], category: null })),
);
const readMinimarket = (text: string) => summarize(understandMessage(text, minimarket));

describe("English names in English order against a catalog of Portuguese names", () => {
  test.each([
    ["1kg of chicken breasts", "peito-frango 1 kg"],
    ["2 kg of chicken thighs", "sobrecoxa 2 kg"],
    ["2kg of pork ribs", "costela-suina 2 kg"],
    ["1.5kg of sirloin steak", "contra-file 1.5 kg"],
    ["1kg of hake fillets", "merluza 1 kg"],
    ["500g of pink shrimp", "camarao 0.5 kg"],
    ["2 cans of coconut milk", "leite-coco 2 un"],
    ["3 coconut waters", "agua-coco 3 un"],
    ["2 bottles of orange juice", "suco-laranja 2 un"],
    ["1 grape juice", "suco-uva 1 un"],
    ["1kg of fresh minas cheese", "queijo-minas 1 kg"],
    ["500g of sliced prato cheese", "queijo-prato 0.5 kg"],
    ["1 can of condensed milk", "leite-condensado 1 un"],
    ["1 pack of wheat flour", "farinha-trigo 1 pct"],
    ["2 packs of pinto beans", "feijao-carioca 2 pct"],
    ["1 pack of black beans", "feijao-preto 1 pct"],
    ["1 pack of parboiled rice", "arroz 1 pct"],
    ["1 bottle of extra virgin olive oil", "azeite 1 un"],
    ["2 bottles of soybean oil", "oleo 2 un"],
    ["1kg of red bell peppers", "pimentao-vermelho 1 kg"],
    ["1kg of green peppers", "pimentao-verde 1 kg"],
    ["2kg of green apples", "maca-verde 2 kg"],
    ["1kg of gala apples", "maca-gala 1 kg"],
    ["2 heads of iceberg lettuce", "alface-americana 2 un"],
    ["2 american lettuces", "alface-americana 2 un"],
    ["2kg of sweet potatoes", "batata-doce 2 kg"],
    ["1 corn cake", "bolo-milho 1 un"],
    ["1kg of smoked sausage", "linguica 1 kg"],
    ["100g of ground black pepper", "pimenta-reino 100 g"],
    ["1 dozen quail eggs", "ovos-codorna 1 dz"],
    ["2 dozen white eggs", "ovos 2 dz"],
  ])("reads %j", (text, item) => {
    expect(readMinimarket(text)).toEqual(order(item));
  });

  test.each([
    ["1 box of laundry powder", "sabao-po 1 cx"],
    ["1 box of washing powder", "sabao-po 1 cx"],
    ["3 dish soaps", "detergente 3 un"],
    ["2 bleaches", "agua-sanitaria 2 un"],
    ["1 fabric softener", "amaciante 1 un"],
    ["1 pack of toilet paper", "papel-higienico 1 pct"],
    ["2 toothpastes", "creme-dental 2 un"],
  ])("reads the cleaning and hygiene item %j", (text, item) => {
    expect(readMinimarket(text)).toEqual(order(item));
  });

  test("reads a whole English order with compound names", () => {
    expect(readMinimarket("I'd like 2kg of chicken breast, 1 orange juice and 1 box of washing powder please")).toEqual(
      order("peito-frango 2 kg", "suco-laranja 1 un", "sabao-po 1 cx"),
    );
  });

  test("removes a product named in English order", () => {
    expect(readMinimarket("remove the chicken breast")).toMatchObject({ intent: "remove", unknown: [] });
    expect(understandMessage("take out the quail eggs", minimarket).items.map((item) => item.sku)).toEqual([
      "ovos-codorna",
    ]);
  });

  test("a compound the catalog lacks is named back whole, not read as a product that shares a word", () => {
    expect(readMinimarket("1 orange juice and 1 apple juice")).toEqual({
      intent: "order",
      items: ["suco-laranja 1 un"],
      clarify: [],
      unknown: ["apple juice"],
    });
    expect(readMinimarket("1kg of cow milk").unknown).toEqual(["cow milk"]);
  });

  test("English messages with only grocery words are answered in English", () => {
    for (const text of ["1 grape juice", "3 coconut waters", "2 plain yogurts"]) {
      expect(understandMessage(text, minimarket).language).toBe("en");
    }
  });
});

describe("the English glossary", () => {
  test.each([
    [
      ["minas", "cheese"],
      ["queijo", "minas"],
    ],
    [
      ["coconut", "water"],
      ["agua", "coco"],
    ],
    [
      ["chicken", "breasts"],
      ["peito", "frango"],
    ],
    [
      ["frozen", "chicken", "breast"],
      ["peito", "frango", "congelado"],
    ],
    [
      ["minas", "frescal", "cheese"],
      ["queijo", "minas", "frescal"],
    ],
    [
      ["washing", "powder"],
      ["sabao", "po"],
    ],
    [["dish", "soap"], ["detergente"]],
    [["rump", "steak"], ["alcatra"]],
  ])("puts the English compound %j in Portuguese order", (english, portuguese) => {
    expect(translateEnglish(english)?.words).toEqual(portuguese);
  });

  test.each([
    [
      ["red", "apples"],
      ["maca", "vermelha"],
    ],
    [
      ["smoked", "sausage"],
      ["linguica", "defumada"],
    ],
    [
      ["ground", "black", "pepper"],
      ["pimenta", "reino", "moida"],
    ],
    [
      ["pork", "ribs"],
      ["costela", "suina"],
    ],
    [
      ["beef", "liver"],
      ["figado", "bovino"],
    ],
    [
      ["skimmed", "milk"],
      ["leite", "desnatado"],
    ],
  ])("makes the describing word of %j agree with its noun", (english, portuguese) => {
    expect(translateEnglish(english)?.words).toEqual(portuguese);
  });

  test("keeps a list of plurals in its order: it is several products, not one name", () => {
    expect(translateEnglish(["tomatoes", "onions"])?.words).toEqual(["tomate", "cebola"]);
  });

  test("a turned-around name maps back to all of its English words", () => {
    expect(translateEnglish(["want", "coconut", "water", "please"])).toEqual({
      words: ["want", "agua", "coco", "please"],
      sourceStart: [0, 1, 1, 3],
      sourceEnd: [1, 3, 3, 4],
      noun: [-1, 0, -1, -1],
    });
  });

  test("amounts, verbs and politeness are not part of a name", () => {
    expect(translateEnglish(["\u0000", "shrimp", "please"])?.words).toEqual(["\u0000", "camarao", "please"]);
    expect(translateEnglish(["remove", "shrimp"])?.words).toEqual(["remove", "camarao"]);
  });

  test.each([
    ["where's my order", "where my order"],
    ["WHERE'S", "where"],
    ["Where’s my order?", "where my order?"],
    ["it's", "it"],
    ["I'd", "id"],
    ["don't", "dont"],
    ["90's", "90s"],
    ["'s", "s"],
  ])("reads the apostrophe in %j as %j", (text, folded) => {
    expect(normalizeText(text).text).toBe(folded);
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
