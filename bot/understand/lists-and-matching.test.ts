import { describe, expect, test } from "vitest";
import type { Unit } from "../../core/domain/units.ts";
import { exampleCatalog } from "./test-support/example-catalog.ts";
import { order, summarize } from "./test-support/summarize.ts";
import { compileCatalog, understandMessage } from "./understand-message.ts";

const read = (text: string) => summarize(understandMessage(text, exampleCatalog));

describe("splitting a message into items", () => {
  test.each([
    ["newlines", "2kg tomate\n1kg cebola\n3 alfaces"],
    ["Windows newlines", "2kg tomate\r\n1kg cebola\r\n3 alfaces"],
    ["dash bullets", "- 2kg tomate\n- 1kg cebola\n- 3 alfaces"],
    ["round bullets", "• 2kg tomate\n• 1kg cebola\n• 3 alfaces"],
    ["star bullets", "* 2kg tomate\n* 1kg cebola\n* 3 alfaces"],
    ["numbered bullets with a point", "1. 2kg tomate\n2. 1kg cebola\n3. 3 alfaces"],
    ["numbered bullets with a parenthesis", "1) 2kg tomate\n2) 1kg cebola\n3) 3 alfaces"],
    ["commas", "2kg tomate, 1kg cebola, 3 alfaces"],
    ["semicolons", "2kg tomate; 1kg cebola; 3 alfaces"],
    ["the word e", "2kg tomate, 1kg cebola e 3 alfaces"],
    ["only e", "2kg tomate e 1kg cebola e 3 alfaces"],
    ["no separators at all", "2kg tomate 1kg cebola 3 alfaces"],
    ["quantities after the products", "tomate 2kg cebola 1kg alface 3"],
    ["quantities after the products with semicolons", "tomate 2kg; cebola 1kg; alface 3"],
    ["greeting and thanks around the list", "Bom dia!\n2kg tomate\n1kg cebola\n3 alfaces\nObrigada 🙏"],
    ["a plus sign", "2kg tomate + 1kg cebola + 3 alfaces"],
  ])("splits items separated by %s", (_how, text) => {
    expect(read(text)).toEqual(order("tomate 2 kg", "cebola 1 kg", "alface 3 un"));
  });

  test.each([
    ["2 e meio kg de batata", order("batata 2.5 kg")],
    ["dúzia e meia de ovos", order("ovos 1.5 dz")],
    ["1 kg e meio de batata e 1 alface", order("batata 1.5 kg", "alface 1 un")],
    ["1kg de tomate e meio kg de cebola", order("tomate 1 kg", "cebola 0.5 kg")],
    ["1kg de tomate e meia dúzia de ovos", order("tomate 1 kg", "ovos 0.5 dz")],
  ])("does not split %j at an ' e ' inside a quantity", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  test("keeps decimal commas inside numbers while splitting at other commas", () => {
    expect(read("1,5kg tomate,2,5kg cebola")).toEqual(order("tomate 1.5 kg", "cebola 2.5 kg"));
  });
});

describe("politeness and chatter around the items", () => {
  test.each([
    "bom dia! me vê 2kg de tomate por favor",
    "quero 2kg de tomate",
    "queria 2kg de tomate",
    "manda 2kg de tomate",
    "vou querer 2kg de tomate",
    "pode mandar 2kg de tomate",
    "me manda 2kg de tomate pfv",
    "oi, tudo bem? preciso de 2kg de tomate, obrigado!",
    "Boa tarde 😊 gostaria de 2kg de tomate",
    "mais 2kg de tomate",
    "I'd like 2kg of tomatoes please",
    "*2kg de tomate*",
    "_2kg de tomate_",
    "2kg de tomate 🍅🍅",
    "2KG DE TOMATE",
    "Bom dia dona Maria! 2kg de tomate",
    "Oi Ana, 2kg de tomate",
    "2kg de tomate\nvaleu seu João",
  ])("reads only the item in %j", (text) => {
    expect(read(text)).toEqual(order("tomate 2 kg"));
  });
});

describe("matching products", () => {
  test.each([
    ["2kg de cebola roxa", "cebola-roxa 2 kg"],
    ["2kg de cebola", "cebola 2 kg"],
    ["2kg de cebola branca", "cebola 2 kg"],
    ["1 dz de ovo branco", "ovos-brancos 1 dz"],
    ["1 dz de ovos brancos", "ovos-brancos 1 dz"],
    ["1 dz de ovos caipira", "ovos 1 dz"],
    ["1 dz de ovos", "ovos 1 dz"],
    ["2kg de batata doce", "batata-doce 2 kg"],
    ["2kg de batata", "batata 2 kg"],
    ["2kg de batata inglesa", "batata 2 kg"],
    ["1kg de feijão verde", "feijao-verde 1 kg"],
    ["2 pacotes de feijão", "feijao 2 pct"],
    ["2kg de banana da terra", "banana-da-terra 2 kg"],
    ["2 dz de banana prata", "banana-prata 2 dz"],
    ["2kg de queijo de coalho", "queijo-coalho 2 kg"],
    ["2kg de queijo manteiga", "queijo-manteiga 2 kg"],
    ["1 litro de manteiga de garrafa", "manteiga-garrafa 1 l"],
    ["1kg de farinha de mandioca", "farinha 1 kg"],
    ["1kg de mandioca", "macaxeira 1 kg"],
    ["1kg de aipim", "macaxeira 1 kg"],
    ["1kg de jerimum", "abobora 1 kg"],
    ["2 pó de café", "cafe 2 pct"],
    ["1kg de tomate italiano", "tomate 1 kg"],
    ["2kg de uva sem semente", "uva 2 kg"],
    ["2kg de galinha caipira", "frango 2 kg"],
    ["1kg de banana-da-terra", "banana-da-terra 1 kg"],
  ])("reads %j as %s, the most specific product", (text, item) => {
    expect(read(text)).toEqual(order(item));
  });

  test.each([
    ["2kg de TOMATE", "tomate 2 kg"],
    ["2kg de Maçã", "maca 2 kg"],
    ["2kg de maca", "maca 2 kg"],
    ["2kg de maçãs", "maca 2 kg"],
    ["2kg de macas", "maca 2 kg"],
    ["2kg de limões", "limao 2 kg"],
    ["2kg de limoes", "limao 2 kg"],
    ["2kg de limão", "limao 2 kg"],
    ["2kg de tomates", "tomate 2 kg"],
    ["3 abacaxis", "abacaxi 3 un"],
    ["2 mamões", "mamao 2 un"],
    ["2 alfaces", "alface 2 un"],
    ["2kg de pimentões", "pimentao 2 kg"],
    ["2kg de feijao verde", "feijao-verde 2 kg"],
    ["2kg de abóbora", "abobora 2 kg"],
    ["2kg de abobora", "abobora 2 kg"],
  ])("ignores case, accents and plurals in %j", (text, item) => {
    expect(read(text)).toEqual(order(item));
  });

  test.each([
    ["2kg de tomatte", "tomate 2 kg"],
    ["2kg de tomat", "tomate 2 kg"],
    ["1kg de chuxu", "chuchu 1 kg"],
    ["1kg de xuxu", "chuchu 1 kg"],
    ["1kg de cenora", "cenoura 1 kg"],
    ["2 alfase", "alface 2 un"],
    ["1kg de macacheira", "macaxeira 1 kg"],
    ["2 abacachis", "abacaxi 2 un"],
    ["1 dz de bananna", "banana-prata 1 dz"],
    ["1kg de pimentau", "pimentao 1 kg"],
    ["2kg de qeijo coalho", "queijo-coalho 2 kg"],
    ["2kg de cebola roxaa", "cebola-roxa 2 kg"],
  ])("forgives the small typo in %j", (text, item) => {
    expect(read(text)).toEqual(order(item));
  });

  test.each([
    ["1 kg de picanha", "picanha"],
    ["2kg de alcatra", "alcatra"],
    ["3 pizzas", "pizzas"],
    ["1 kg de carne moída", "carne moída"],
    ["2 sabonetes", "sabonetes"],
  ])("names %j as unknown instead of guessing", (text, fragment) => {
    expect(read(text)).toEqual({ intent: "order", items: [], clarify: [], unknown: [fragment] });
  });

  test("keeps the known items and names the unknown ones", () => {
    expect(read("1 kg de tomate e 1 kg de picanha")).toEqual({
      intent: "order",
      items: ["tomate 1 kg"],
      clarify: [],
      unknown: ["picanha"],
    });
  });

  test("gives the unknown fragment as the customer wrote it", () => {
    expect(read("2kg de *Picanha Maturada*").unknown).toEqual(["Picanha Maturada"]);
  });

  test("suggests products whose names sound close to an unknown word", () => {
    const understanding = understandMessage("2kg de tomatinho", exampleCatalog);
    expect(understanding.unknown).toEqual(["tomatinho"]);
    expect(understanding.suggestions).toEqual({ tomatinho: ["tomate"] });
  });

  test("asks which product is meant when a word is shared by several names", () => {
    const understanding = understandMessage("1kg de queijo", exampleCatalog);
    expect(understanding.unknown).toEqual(["queijo"]);
    expect(understanding.suggestions.queijo).toEqual(["queijo-coalho", "queijo-manteiga"]);
  });

  test("suggests at most three products", () => {
    const understanding = understandMessage("2kg de cebolla verde", exampleCatalog);
    for (const skus of Object.values(understanding.suggestions)) expect(skus.length).toBeLessThanOrEqual(3);
  });
});

describe("another kind of a product the catalog sells", () => {
  const unknown = (fragment: string) => ({ intent: "order", items: [], clarify: [], unknown: [fragment] });

  test.each([
    ["2 pacotes de arroz integral", "arroz integral"],
    ["1kg de limão siciliano", "limão siciliano"],
    ["2kg de manga palmer", "manga palmer"],
    ["2kg de laranja lima", "laranja lima"],
    ["3kg de batata baroa", "batata baroa"],
    ["1 pacote de café solúvel", "café solúvel"],
    ["2 litros de leite desnatado", "leite desnatado"],
    // Uva Vitória is a dark grape: "verde" names another kind, as "maçã verde" does of Maçã Gala.
    ["1kg de uva verde", "uva verde"],
    ["1kg de maçã verde", "maçã verde"],
    ["1 kg de tomate cereja", "tomate cereja"],
    ["1 creme de leite", "creme de leite"],
    ["1 kg de asa de frango", "asa de frango"],
  ])("names %j as unknown rather than the catalog's other kind", (text, fragment) => {
    expect(read(text)).toEqual(unknown(fragment));
  });

  test.each([
    ["1kg de maçã verde", "maçã verde", "maca"],
    ["1 kg de tomate cereja", "tomate cereja", "tomate"],
    ["1kg de asa de frango", "asa de frango", "frango"],
    ["1 kg de cebola amarela", "cebola amarela", "cebola"],
  ])("suggests the catalog's kind first for %j", (text, fragment, sku) => {
    expect(understandMessage(text, exampleCatalog).suggestions[fragment]?.[0]).toBe(sku);
  });

  test.each([
    ["1 dz de banana bem madura", "banana-prata 1 dz"],
    ["2kg de manga madura", "manga 2 kg"],
    ["2kg de laranja bonita", "laranja 2 kg"],
    ["2 pacotes de arroz", "arroz 2 pct"],
    ["2kg de batata inglesa", "batata 2 kg"],
    ["1 pacote de café torrado", "cafe 1 pct"],
    ["2kg de manga tommy bem madura", "manga 2 kg"],
    ["1kg of coalho cheese", "queijo-coalho 1 kg"],
  ])("still reads %j as the product, when the word after it describes it or is in its name", (text, item) => {
    expect(read(text)).toEqual(order(item));
  });

  test.each([
    ["1kg de pimenta", "pimenta"],
    ["2kg de abobrinha", "abobrinha"],
  ])("does not take the real word %j for a typo of a catalog word", (text, fragment) => {
    expect(read(text).items).toEqual([]);
    expect(read(text).unknown).toEqual([fragment]);
  });
});

describe("amounts on a line of their own", () => {
  test.each([
    ["tomate - 2kg", order("tomate 2 kg")],
    ["cebola: meio quilo", order("cebola 0.5 kg")],
    ["tomate - 2kg\ncebola - 1kg\nalface - 3", order("tomate 2 kg", "cebola 1 kg", "alface 3 un")],
    ["Tomate: 2 kg; Chuchu: 1 kg", order("tomate 2 kg", "chuchu 1 kg")],
    ["tomate, cebola e chuchu, 1kg de cada", order("tomate 1 kg", "cebola 1 kg", "chuchu 1 kg")],
  ])("gives the amount in %j to the product before it", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  test("gives an amount without 'de cada' only to the product just before it", () => {
    expect(read("tomate, cebola - 1kg")).toEqual({
      intent: "order",
      items: ["cebola 1 kg"],
      clarify: ["tomate"],
      unknown: [],
    });
  });
});

describe("words around an order", () => {
  test.each([
    ["queria fazer um pedido pra essa semana: 2kg de tomate", "tomate 2 kg"],
    ["boa tarde, tudo bem? 2kg de tomate", "tomate 2 kg"],
    ["esqueci, 1 alface", "alface 1 un"],
    ["ah, e 1 alface", "alface 1 un"],
    ["Bah, bom dia tchê! 2kg de tomate", "tomate 2 kg"],
    ["2kg de tomate pra sexta", "tomate 2 kg"],
    ["preciso de 2kg de tomate urgente", "tomate 2 kg"],
    ["1 kg de cebola, não muito grande", "cebola 1 kg"],
    ["2kg de macaxeira descascada", "macaxeira 2 kg"],
    ["1 kg de laranja pera pra suco", "laranja 1 kg"],
    ["2kg de tomate bjs", "tomate 2 kg"],
    ["2kg de tomate kkkkk", "tomate 2 kg"],
    ["2kg de tomate rsrs", "tomate 2 kg"],
    ["2kg de tomate, obrigada, abraço", "tomate 2 kg"],
    ["2kg de tomate, qualquer coisa me avisa", "tomate 2 kg"],
    ["1kg de tomate p/ salada", "tomate 1 kg"],
    ["2kg de batata inglesa lavada", "batata 2 kg"],
  ])("reads %j without naming its other words as unknown products", (text, item) => {
    expect(read(text)).toEqual(order(item));
  });

  test.each(["queria fazer um pedido pra essa semana", "oi, esqueci uma coisa", "boa tarde, tudo bem?"])(
    "names nothing in %j as an unknown product",
    (text) => {
      expect(read(text).unknown).toEqual([]);
    },
  );
});

describe("a kind named alone after its family", () => {
  test.each([
    ["1 dz de ovos caipira e 1 dz de brancos", ["ovos 1 dz", "ovos-brancos 1 dz"]],
    ["2kg de batata inglesa e 1 de doce", ["batata 2 kg", "batata-doce 1 kg"]],
    ["1 kg de cebola e 1 kg de roxa", ["cebola 1 kg", "cebola-roxa 1 kg"]],
  ])("reads %j as the family's other kind", (text, items) => {
    expect(read(text)).toEqual(order(...items));
  });

  test("leaves a kind the family lacks unknown", () => {
    expect(read("1 kg de cebola e 1 kg de amarela")).toEqual({
      intent: "order",
      items: ["cebola 1 kg"],
      clarify: [],
      unknown: ["amarela"],
    });
  });
});

describe("regional names of the same goods", () => {
  test.each([
    ["2kg de aipim", "macaxeira 2 kg"],
    ["1kg de mandioca", "macaxeira 1 kg"],
    ["2kg of cassava", "macaxeira 2 kg"],
  ])("reads %j as the catalog's name", (text, item) => {
    expect(read(text)).toEqual(order(item));
  });
});

describe("a related product is never taken for the one asked", () => {
  const catalog = compileCatalog(
    [
      ["suco-laranja", "Suco de Laranja", "un"],
      ["cebola", "Cebola", "kg"],
      ["leite", "Leite Integral", "un"],
      ["queijo-coalho", "Queijo Coalho", "kg"],
    ].map(([sku, name, unit]) => ({
      sku: sku as string,
      name: name as string,
      unit: unit as Unit,
      aliases: [],
      category: null,
    })),
  );
  test.each([
    ["2 sucos de uva", "sucos de uva", "suco-laranja"],
    ["1 kg de cebola roxa", "cebola roxa", "cebola"],
    ["2 leites desnatados", "leites desnatados", "leite"],
    // English "cream" is "creme de leite": the milk is part of what the name says, not the product asked.
    ["1 jar of cream", "cream", null],
    ["2 bottles of coconut water", "coconut water", null],
    ["1 doce de leite", "doce de leite", "leite"],
    ["500g de queijo mussarela", "queijo mussarela", "queijo-coalho"],
  ])("reads %j as unknown and suggests the catalog's product", (text, fragment, suggestion) => {
    const understanding = understandMessage(text, catalog);
    expect(summarize(understanding)).toEqual({ intent: "order", items: [], clarify: [], unknown: [fragment] });
    if (suggestion) expect(understanding.suggestions[fragment]).toContain(suggestion);
  });
});

describe("reading that generalises beyond the words it was shown", () => {
  const catalog = compileCatalog(
    [
      ["frango-inteiro", "Frango Inteiro", "kg", []],
      ["peito-frango", "Peito de Frango", "kg", []],
      ["file-tilapia", "Filé de Tilápia", "kg", []],
      ["costela-suina", "Costela Suína", "kg", ["costelinha de porco"]],
      ["costela-bovina", "Costela Bovina", "kg", []],
      ["refrigerante", "Coca-Cola 2L", "un", ["coca"]],
      ["erva-mate", "Erva-Mate 1kg", "pct", ["erva"]],
      ["feijao-macassar", "Feijão Macassar", "kg", []],
      ["feijao-verde", "Feijão Verde", "kg", []],
      ["berinjela", "Berinjela", "kg", []],
    ].map(([sku, name, unit, aliases]) => ({
      sku: sku as string,
      name: name as string,
      unit: unit as Unit,
      aliases: aliases as string[],
      category: null,
    })),
  );
  const readHere = (text: string) => summarize(understandMessage(text, catalog));

  test.each([
    // Peito de Frango is frango too: a first word shared with the goods a part is cut from names no one product.
    ["1kg de frango", "frango", ["frango-inteiro", "peito-frango"]],
    ["2 frangos", "frangos", ["frango-inteiro", "peito-frango"]],
    // "zero" after the goods is a kind of them, which the catalog lacks.
    ["1 coca zero", "coca zero", ["refrigerante"]],
  ])("reads %j as unknown, suggesting each product it may mean", (text, fragment, suggestions) => {
    const understanding = understandMessage(text, catalog);
    expect(summarize(understanding)).toEqual({ intent: "order", items: [], clarify: [], unknown: [fragment] });
    expect(understanding.suggestions[fragment]).toEqual(expect.arrayContaining(suggestions));
  });

  test.each([
    ["1kg de peito de frango", "peito-frango 1 kg"],
    ["1 frango inteiro de 2kg", "frango-inteiro 2 kg"],
    ["1kg de tilápia", null],
    // A name said with a synonym of one of its words, though the catalog uses that word for another name.
    ["2 kg de costela de porco", "costela-suina 2 kg"],
    ["2 kg de costela suína", "costela-suina 2 kg"],
    ["1kg de costela de boi", "costela-bovina 1 kg"],
    // Spellings by ear: a last e said i, a last r not said, ç and ss alike, g before e said j.
    ["1 erva mati", "erva-mate 1 pct"],
    ["1kg feijao macaça", "feijao-macassar 1 kg"],
    ["1kg de beringela", "berinjela 1 kg"],
  ])("reads %j", (text, item) => {
    const reading = readHere(text);
    if (item === null) expect(reading.items).toEqual([]);
    else expect(reading).toEqual(order(item));
  });

  test.each([
    ["zero berinjelas", "not_positive"],
    ["quero zero kg de berinjela", "not_positive"],
  ])("still refuses %j as an amount", (text, reason) => {
    expect(understandMessage(text, catalog).problems.map((problem) => problem.reason)).toEqual([reason]);
  });

  test.each([
    ["e aí", "help"],
    ["E aí, tudo bem?", "help"],
    ["e aí tchê", "help"],
    ["tá bom, obrigado seu Zé", "other"],
    ["boa!", "other"],
  ])("reads the greeting or thanks %j as %s", (text, intent) => {
    expect(readHere(text)).toMatchObject({ intent, items: [], unknown: [] });
  });

  test.each([
    "querida, pega 2kg de berinjela pra mim",
    "amigo, segue abaixo: 2kg de berinjela",
    "fala aí mano, anota 2kg de berinjela",
    "tia, reserva 2kg de berinjela",
    "bah guri, me vê dois quilinhos de berinjela",
    "meu rei, 2 quilos de berinjela",
  ])("names no unknown product in %j, whose other words address the seller", (text) => {
    expect(readHere(text)).toEqual(order("berinjela 2 kg"));
  });
});
