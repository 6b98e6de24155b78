import { describe, expect, test } from "vitest";
import { exampleCatalog } from "./test-support/example-catalog.ts";
import { order, summarize } from "./test-support/summarize.ts";
import { understandMessage } from "./understand-message.ts";

const read = (text: string) => summarize(understandMessage(text, exampleCatalog));

describe("numbers written in digits", () => {
  test.each([
    ["2kg de tomate", "tomate 2 kg"],
    ["2 kg de tomate", "tomate 2 kg"],
    ["1,5 kg de batata", "batata 1.5 kg"],
    ["1.5kg de batata", "batata 1.5 kg"],
    ["0,250 kg de uva", "uva 0.25 kg"],
    ["1/2 kg de uva", "uva 0.5 kg"],
    ["3/4 kg de uva", "uva 0.75 kg"],
    ["1 1/2 kg de uva", "uva 1.5 kg"],
    ["½ kg de uva", "uva 0.5 kg"],
    ["1,500 kg de cenoura", "cenoura 1.5 kg"],
    ["1000 alfaces", "alface 1000 un"],
  ])("reads %j as %s", (text, item) => {
    expect(read(text)).toEqual(order(item));
  });
});

describe("numbers written in words", () => {
  test.each([
    ["um abacaxi", "abacaxi 1 un"],
    ["uma alface", "alface 1 un"],
    ["dois abacaxis", "abacaxi 2 un"],
    ["duas alfaces", "alface 2 un"],
    ["três mamões", "mamao 3 un"],
    ["tres mamoes", "mamao 3 un"],
    ["quatro iogurtes", "iogurte 4 un"],
    ["cinco rapaduras", "rapadura 5 un"],
    ["seis rapaduras", "rapadura 6 un"],
    ["sete rapaduras", "rapadura 7 un"],
    ["oito rapaduras", "rapadura 8 un"],
    ["nove rapaduras", "rapadura 9 un"],
    ["dez rapaduras", "rapadura 10 un"],
    ["onze rapaduras", "rapadura 11 un"],
    ["doze rapaduras", "rapadura 12 un"],
    ["quinze rapaduras", "rapadura 15 un"],
    ["dezesseis rapaduras", "rapadura 16 un"],
    ["dezenove rapaduras", "rapadura 19 un"],
    ["vinte rapaduras", "rapadura 20 un"],
    ["vinte e dois iogurtes", "iogurte 22 un"],
    ["cem alfaces", "alface 100 un"],
    ["cento e cinquenta alfaces", "alface 150 un"],
    ["mil alfaces", "alface 1000 un"],
    ["dois quilos de manga", "manga 2 kg"],
    ["meio quilo de cebola", "cebola 0.5 kg"],
    ["meio kg de cebola", "cebola 0.5 kg"],
    ["meia melancia", null],
  ])("reads %j", (text, item) => {
    if (item === null) expect(read(text).clarify).toEqual(["melancia"]);
    else expect(read(text)).toEqual(order(item));
  });
});

describe("halves and dozens", () => {
  test.each([
    ["meia dúzia de ovos", "ovos 0.5 dz"],
    ["meia duzia de ovos", "ovos 0.5 dz"],
    ["uma dúzia de ovos", "ovos 1 dz"],
    ["dúzia de ovos", "ovos 1 dz"],
    ["uma dúzia e meia de ovos", "ovos 1.5 dz"],
    ["dúzia e meia de ovos", "ovos 1.5 dz"],
    ["duas dúzias e meia de ovos", "ovos 2.5 dz"],
    ["2 dz de ovos", "ovos 2 dz"],
    ["2 dzs de ovos", "ovos 2 dz"],
    ["duas dúzias de banana", "banana-prata 2 dz"],
    ["12 ovos", "ovos 1 dz"],
    ["24 ovos brancos", "ovos-brancos 2 dz"],
    ["meia dúzia de rapadura", "rapadura 6 un"],
    ["uma dúzia de rapaduras", "rapadura 12 un"],
    ["2 e meio kg de batata", "batata 2.5 kg"],
    ["dois quilos e meio de batata", "batata 2.5 kg"],
    ["1 kg e meio de batata", "batata 1.5 kg"],
    ["1 litro e meio de leite", "leite 1.5 l"],
    ["one and a half kg of grapes", "uva 1.5 kg"],
    ["half a dozen eggs", "ovos 0.5 dz"],
  ])("reads %j as %s", (text, item) => {
    expect(read(text)).toEqual(order(item));
  });

  test.each(["6 ovos", "7 ovos", "1 ovo", "13 ovos"])("asks about %j, a count that is not whole dúzias", (text) => {
    expect(read(text)).toEqual({ intent: "order", items: [], clarify: ["ovos"], unknown: [] });
  });
});

describe("multipliers", () => {
  test.each([
    ["2x abacaxi", "abacaxi 2 un"],
    ["abacaxi x2", "abacaxi 2 un"],
    ["alface x 3", "alface 3 un"],
    ["3x alface", "alface 3 un"],
    ["2x 500g de queijo coalho", "queijo-coalho 1 kg"],
  ])("reads %j as %s", (text, item) => {
    expect(read(text)).toEqual(order(item));
  });
});

describe("unit spellings", () => {
  test.each([
    ["2 kgs de tomate", "tomate 2 kg"],
    ["2 quilos de tomate", "tomate 2 kg"],
    ["2 kilos de tomate", "tomate 2 kg"],
    ["1 quilo de tomate", "tomate 1 kg"],
    ["quilo de tomate", "tomate 1 kg"],
    ["500g de tomate", "tomate 0.5 kg"],
    ["500 gr de tomate", "tomate 0.5 kg"],
    ["500 gramas de tomate", "tomate 0.5 kg"],
    ["250 grs de queijo coalho", "queijo-coalho 0.25 kg"],
    ["1kg e 500g de tomate", "tomate 1.5 kg"],
    ["2 maços de coentro", "coentro 2 maco"],
    ["2 macos de coentro", "coentro 2 maco"],
    ["1 maco de cebolinha", "cebolinha 1 maco"],
    ["2 molhos de coentro", "coentro 2 maco"],
    ["2 bandejas de morango", "morango 2 bandeja"],
    ["uma bandeja de morango", "morango 1 bandeja"],
    ["2 litros de leite", "leite 2 l"],
    ["2 l de leite", "leite 2 l"],
    ["2 lt de leite", "leite 2 l"],
    ["500 ml de leite", "leite 0.5 l"],
    ["litro de leite", "leite 1 l"],
    ["2 pacotes de arroz", "arroz 2 pct"],
    ["2 pct de arroz", "arroz 2 pct"],
    ["pacote de café", "cafe 1 pct"],
    ["3 un de mamão", "mamao 3 un"],
    ["3 und de mamão", "mamao 3 un"],
    ["3 unidades de mamão", "mamao 3 un"],
    ["2 pés de alface", "alface 2 un"],
    ["pé de alface", "alface 1 un"],
    ["um pote de mel", "mel 1 un"],
    ["2 caixas de morango", null],
  ])("reads %j", (text, item) => {
    if (item === null) expect(read(text).clarify).toEqual(["morango"]);
    else expect(read(text)).toEqual(order(item));
  });
});

describe("conversion to the product's unit", () => {
  test("a bare number is the count for products sold by unit, bunch, tray, box or package", () => {
    expect(read("2 alfaces, 2 coentros, 2 morangos, 2 arroz")).toEqual(
      order("alface 2 un", "coentro 2 maco", "morango 2 bandeja", "arroz 2 pct"),
    );
  });

  test.each([
    ["3 tomates", "tomate"],
    ["1 melancia", "melancia"],
    ["2 limões", "limao"],
    ["3 maçãs", "maca"],
    ["um frango", "frango"],
    ["2 leites", "leite"],
  ])("asks about %j: a count of a product sold by weight or volume", (text, sku) => {
    expect(read(text)).toEqual({ intent: "order", items: [], clarify: [sku], unknown: [] });
  });

  test.each([
    ["1 melancia de 5kg", "melancia 5 kg"],
    ["1 melancia de uns 5kg", "melancia 5 kg"],
    ["um frango de 2kg", "frango 2 kg"],
    ["2 frangos de 1,5kg", "frango 3 kg"],
    ["1 frango de 1,5 quilo", "frango 1.5 kg"],
  ])("uses the weight the line gives for %j", (text, item) => {
    expect(read(text)).toEqual(order(item));
  });

  test.each([
    ["250g de manteiga de garrafa", "manteiga-garrafa"],
    ["2 litros de tomate", "tomate"],
    ["1 kg de alface", "alface"],
    ["meia dúzia de tomate", "tomate"],
    ["2 maços de tomate", "tomate"],
    ["1 pacote de coentro", "coentro"],
  ])("asks about %j: a unit that does not fit the product", (text, sku) => {
    expect(read(text)).toEqual({ intent: "order", items: [], clarify: [sku], unknown: [] });
  });

  test.each([
    ["tomate", "tomate"],
    ["quero cebola", "cebola"],
    ["ovos", "ovos"],
  ])("asks about %j: a product sold by weight or dozen named without a number", (text, sku) => {
    expect(read(text).clarify).toEqual([sku]);
  });

  test.each([
    ["abacaxi", "abacaxi 1 un"],
    ["coentro", "coentro 1 maco"],
    ["morango", "morango 1 bandeja"],
    ["arroz", "arroz 1 pct"],
  ])("takes one of %j, a counted product named without a number", (text, item) => {
    expect(read(text)).toEqual(order(item));
  });

  test("a bare number after an item with a weight borrows that weight unit", () => {
    expect(read("dois quilos de manga e três de laranja")).toEqual(order("manga 2 kg", "laranja 3 kg"));
  });

  test("a bare number for a packaged product is that many packages, whatever came before", () => {
    expect(read("1 pacote de arroz, 2 de feijão")).toEqual(order("arroz 1 pct", "feijao 2 pct"));
    expect(read("2kg de tomate e 3 de alface")).toEqual(order("tomate 2 kg", "alface 3 un"));
  });

  test("the same product named twice is summed", () => {
    expect(read("1kg de tomate e mais 2kg de tomate")).toEqual(order("tomate 3 kg"));
  });
});

describe("large, grouped and broken numbers", () => {
  test.each([
    ["1.000 kg de cebola", "cebola 1000 kg"],
    ["2.500 g de cebola", "cebola 2.5 kg"],
    ["1e3 g de tomate", "tomate 1 kg"],
    ["2,5e2 g de tomate", "tomate 0.25 kg"],
    ["1 kg e 1/2 de batata inglesa", "batata 1.5 kg"],
    ["2 e 1/2 kg de batata inglesa", "batata 2.5 kg"],
    ["2 kg. de tomate", "tomate 2 kg"],
  ])("reads %j as %s", (text, item) => {
    expect(read(text)).toEqual(order(item));
  });

  test.each([
    ["1.000,50 kg de cebola", "cebola", "too_large"],
    ["1.001 abacaxis", "abacaxi", "too_large"],
    ["1.000.000 de alfaces", "alface", "too_large"],
    ["um milhão de kg de tomate", "tomate", "too_large"],
    ["1 milhão de alfaces", "alface", "too_large"],
    ["dois milhões de alfaces", "alface", "too_large"],
    ["2 mil alfaces", "alface", "too_large"],
    ["1e9 dz de ovos brancos", "ovos-brancos", "too_large"],
    ["1e999 kg de tomate", "tomate", "too_large"],
    ["Infinity kg de tomate", "tomate", "too_large"],
    ["1e-4 kg de tomate", "tomate", "too_precise"],
  ])("refuses %j, naming the product and the reason", (text, sku, reason) => {
    const understanding = understandMessage(text, exampleCatalog);
    expect(understanding.items).toEqual([]);
    expect(understanding.problems).toEqual([{ text, sku, reason }]);
  });

  test.each([
    ["NaN kg de tomate", "tomate"],
    ["undefined kg de tomate", "tomate"],
    ["1,5 abacaxi", "abacaxi"],
    ["meio abacaxi", "abacaxi"],
    ["2,5 alfaces", "alface"],
  ])("asks how much of %j: no amount, or part of a piece", (text, sku) => {
    expect(read(text)).toEqual({ intent: "order", items: [], clarify: [sku], unknown: [] });
  });

  test.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])(
    "reads %j before a product as any other word, never as a number",
    (word) => {
      expect(read(`${word} abacaxis`)).toEqual(read("fulano abacaxis"));
      expect(read(`${word} 2kg de tomate`)).toEqual(read("fulano 2kg de tomate"));
    },
  );
});
