import { describe, expect, test } from "vitest";
import { exampleCatalog } from "./test-support/example-catalog.ts";
import { summarize } from "./test-support/summarize.ts";
import { type Intent, understandMessage } from "./understand-message.ts";

const intentOf = (text: string): Intent => understandMessage(text, exampleCatalog).intent;

describe("customer commands", () => {
  test.each<[string, Intent]>([
    ["oi", "help"],
    ["Oi!", "help"],
    ["olá", "help"],
    ["Olá, boa tarde", "help"],
    ["bom dia", "help"],
    ["boa noite!!", "help"],
    ["hello", "help"],
    ["hi there", "help"],
    ["menu", "help"],
    ["ajuda", "help"],
    ["help", "help"],
    ["como funciona?", "help"],
    ["quero fazer um pedido", "help"],
    ["catálogo", "catalog"],
    ["catalogo", "catalog"],
    ["produtos", "catalog"],
    ["preços", "catalog"],
    ["quais produtos vocês têm?", "catalog"],
    ["qual o preço do tomate?", "product_question"],
    ["quanto custa o kg do tomate?", "product_question"],
    ["tem quiabo?", "product_question"],
    ["what do you sell?", "catalog"],
    ["prices please", "catalog"],
    ["sim", "confirm"],
    ["Sim, pode confirmar", "confirm"],
    ["ok", "confirm"],
    ["OK!", "confirm"],
    ["confirmar", "confirm"],
    ["pode confirmar", "confirm"],
    ["confirmo", "confirm"],
    ["yes", "confirm"],
    ["yes please", "confirm"],
    ["👍 ok", "confirm"],
    ["cancelar", "cancel"],
    ["cancela", "cancel"],
    ["quero cancelar meu pedido", "cancel"],
    ["cancel", "cancel"],
    ["cancel my order", "cancel"],
    ["cadê meu pedido?", "status"],
    ["cade meu pedido", "status"],
    ["onde está meu pedido", "status"],
    ["meu pedido já chegou?", "status"],
    ["status", "status"],
    ["meus pedidos", "status"],
    ["where is my order?", "status"],
    ["my orders", "status"],
    ["status do meu pedido", "status"],
    ["obrigado!", "other"],
    ["obrigada", "other"],
    ["valeu", "other"],
    ["thanks", "other"],
    ["não", "other"],
    ["asdkjh qwe", "other"],
    ["kkkkkkk", "other"],
    ["...", "other"],
  ])("reads %j as %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });

  test("a command carries no items, unknown fragments or questions", () => {
    for (const text of ["oi", "sim", "cancelar", "status", "catálogo", "obrigado", "asdkjh qwe"]) {
      expect(summarize(understandMessage(text, exampleCatalog))).toMatchObject({ items: [], unknown: [], clarify: [] });
    }
  });
});

describe("questions about the order's status", () => {
  test.each([
    "já saiu pra entrega?",
    "já saiu?",
    "meu pedido já saiu?",
    "saiu para entrega?",
    "já foi entregue?",
    "meu pedido foi entregue?",
    "já foi enviado?",
    "foi despachado?",
    "o motoboy já saiu?",
    "tá a caminho?",
    "meu pedido está a caminho?",
    "quanto tempo demora?",
    "vai demorar?",
    "tem previsão de entrega?",
    "meu pedido está atrasado",
    "Tudo certo com meu pedido?",
    "ta tudo certo com a minha encomenda?",
    "tudo bem com meu pedido?",
    "alguma novidade do meu pedido?",
    "where's my order?",
    "Where’s my order",
    "has my order shipped yet?",
    "has it shipped?",
    "did you ship my order?",
    "is my order on the way?",
    "is it on its way?",
    "is my order out for delivery?",
    "when will my order arrive?",
    "how long until my order arrives?",
    "any update on my order?",
    "has my order been delivered?",
    "was my order delivered?",
    "is everything ok with my order?",
  ])("reads %j as a status question", (text) => {
    expect(summarize(understandMessage(text, exampleCatalog))).toEqual({
      intent: "status",
      items: [],
      clarify: [],
      unknown: [],
    });
  });

  test.each<[string, Intent]>([
    ["tudo certo", "confirm"],
    ["tudo certo, pode confirmar", "confirm"],
    ["tudo certo com o pedido, pode confirmar", "confirm"],
    ["sim, pode mandar", "confirm"],
    ["tudo bem com você?", "other"],
    ["tem tomate hoje?", "product_question"],
    ["has bananas?", "product_question"],
    ["do you have eggs?", "product_question"],
    ["2kg de tomate pra entrega amanhã", "order"],
    ["quero 2kg de tomate, já saiu a entrega?", "order"],
    ["mais 1kg de tomate, tudo certo com o pedido?", "order"],
    ["cancela se ainda não saiu", "cancel"],
    ["it's for tomorrow", "other"],
  ])("still reads %j as %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });

  test("an order that mentions its delivery keeps its items", () => {
    expect(summarize(understandMessage("quero 2kg de tomate, já saiu a entrega?", exampleCatalog)).items).toEqual([
      "tomate 2 kg",
    ]);
  });
});

describe("entrepreneur commands", () => {
  test.each<[string, Intent]>([
    ["fechar lote", "close_batch"],
    ["Fechar o lote", "close_batch"],
    ["FECHAR LOTE", "close_batch"],
    ["fecha o lote", "close_batch"],
    ["encerrar lote", "close_batch"],
    ["close batch", "close_batch"],
    ["close the batch", "close_batch"],
    ["resumo", "summary"],
    ["Resumo do lote", "summary"],
    ["ver resumo", "summary"],
    ["summary", "summary"],
  ])("reads %j as %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });

  test.each([
    ["lote a caminho", "on_the_way"],
    ["Lote a caminho!", "on_the_way"],
    ["lote saiu para entrega", "on_the_way"],
    ["lote chegou", "arrived"],
    ["o lote já chegou", "arrived"],
    ["lote entregue", "delivered"],
    ["lote cancelado", "cancelled"],
    ["lote realizado", "placed"],
    ["batch on the way", "on_the_way"],
    ["batch arrived", "arrived"],
    ["batch delivered", "delivered"],
  ])("reads %j as a batch status change to %s", (text, status) => {
    expect(understandMessage(text, exampleCatalog)).toMatchObject({ intent: "batch_status", status });
  });

  test.each([
    ["pedido 42 entregue", 42, "delivered"],
    ["pedido #42 chegou", 42, "arrived"],
    ["pedido #42 a caminho", 42, "on_the_way"],
    ["Pedido nº 7 saiu para entrega", 7, "on_the_way"],
    ["pedido 0042 entregue", 42, "delivered"],
    ["o pedido 5 foi entregue", 5, "delivered"],
    ["pedido 9 cancelado", 9, "cancelled"],
    ["order 42 delivered", 42, "delivered"],
    ["order #3 is on the way", 3, "on_the_way"],
  ])("reads %j as order %i changing to %s", (text, order, status) => {
    expect(understandMessage(text, exampleCatalog)).toMatchObject({ intent: "order_status", order, status });
  });

  test("a batch or order command leaves status and order out of unrelated messages", () => {
    const understanding = understandMessage("2kg de tomate", exampleCatalog);
    expect(understanding.status).toBeUndefined();
    expect(understanding.order).toBeUndefined();
  });
});

describe("orders among commands", () => {
  test.each<[string, Intent]>([
    ["mais 1kg de cebola", "order"],
    ["ok, 2kg de tomate", "order"],
    ["sim, e mais 1 alface", "order"],
    ["oi, 2kg de tomate", "order"],
    ["meu pedido: 2kg de tomate", "order"],
    ["2kg de tomate, qual o preço?", "order"],
    ["quero picanha", "order"],
    ["picanha", "other"],
  ])("reads %j as %s", (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });
});

describe("the language of the message", () => {
  test.each<[string, "pt-BR" | "en"]>([
    ["2kg de tomate", "pt-BR"],
    ["oi", "pt-BR"],
    ["ok", "pt-BR"],
    ["status", "pt-BR"],
    ["quero cancelar meu pedido", "pt-BR"],
    ["I'd like 2kg of tomatoes and a dozen eggs", "en"],
    ["where is my order?", "en"],
    ["hello", "en"],
    ["thanks", "en"],
    ["close batch", "en"],
    ["remove the eggs", "en"],
  ])("detects %j as %s", (text, language) => {
    expect(understandMessage(text, exampleCatalog).language).toBe(language);
  });

  test.each([
    ["ok", false],
    ["menu", false],
    ["status", false],
    ["2kg de tomate", true],
    ["where is my order?", true],
  ])("says whether %j showed its language: %s", (text, evident) => {
    expect(understandMessage(text, exampleCatalog).languageEvident).toBe(evident);
  });
});
