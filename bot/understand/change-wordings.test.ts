import { describe, expect, test } from "vitest";
import { resolveMoneyAmounts } from "./resolve-money-amounts.ts";
import { exampleCatalog } from "./test-support/example-catalog.ts";
import { toParseResponse, type Understanding, understandMessage } from "./understand-message.ts";

const read = (text: string) => understandMessage(text, exampleCatalog);
/** Items as "sku quantity how": how = add, take_off, remove, set or plain. */
const items = (understanding: Understanding) =>
  understanding.items.map((item) => {
    const how = item.change ?? (item.replace ? "set" : "plain");
    const amount = item.amountCents === undefined ? item.quantityMilli / 1000 : `R$${item.amountCents / 100}`;
    return `${item.sku} ${amount} ${how}`;
  });

describe("the words that say how an order changes", () => {
  test.each([
    ["mais 1kg de cebola", "order", ["cebola 1 add"]],
    ["adiciona 2 alfaces", "order", ["alface 2 add"]],
    ["quero mais 1kg de tomate", "order", ["tomate 1 add"]],
    ["queria mais 2 alfaces", "order", ["alface 2 add"]],
    ["pode tirar 500g de tomate", "remove", ["tomate 0.5 take_off"]],
    ["menos uma dúzia de ovos", "remove", ["ovos 1 take_off"]],
    ["bota só meio quilo de cebola", "order", ["cebola 0.5 set"]],
    ["quero trocar o tomate por 2kg", "order", ["tomate 2 set"]],
    ["add 1kg of onions", "order", ["cebola 1 add"]],
    ["menos 2kg de tomate", "remove", ["tomate 2 take_off"]],
    ["less 1kg of tomatoes", "remove", ["tomate 1 take_off"]],
    ["tira 1kg de batata", "remove", ["batata 1 take_off"]],
    ["tira meio quilo de cebola", "remove", ["cebola 0.5 take_off"]],
    ["remove 2 lettuces", "remove", ["alface 2 take_off"]],
    ["tira a batata", "remove", ["batata 0 remove"]],
    ["sem cebola", "remove", ["cebola 0 remove"]],
    ["só 1kg de cebola", "order", ["cebola 1 set"]],
    ["na verdade quero 1kg de cebola", "order", ["cebola 1 set"]],
    ["na verdade quero só 1 kg de cebola", "order", ["cebola 1 set"]],
    ["apenas 2 alfaces", "order", ["alface 2 set"]],
    ["actually 2kg of tomatoes", "order", ["tomate 2 set"]],
    ["troca tomate por 3kg", "order", ["tomate 3 set"]],
    ["1kg de cebola", "order", ["cebola 1 plain"]],
    ["quero 1kg de cebola", "order", ["cebola 1 plain"]],
    ["mais ou menos 1kg de cebola", "order", ["cebola 1 plain"]],
    ["tira 1kg de tomate e mais 2kg de cebola", "order", ["cebola 2 add", "tomate 1 take_off"]],
  ])("reads %j as %s of %j", (text, intent, expected) => {
    const understanding = read(text);
    expect(understanding.intent).toBe(intent);
    expect(items(understanding)).toEqual(expected);
  });
});

describe("amounts of money", () => {
  test.each([
    ["5 reais de cebolinha", ["cebolinha R$5 plain"]],
    ["cinco reais de cebolinha", ["cebolinha R$5 plain"]],
    ["10 reais de tomate", ["tomate R$10 plain"]],
    ["mais 3 reais de coentro", ["coentro R$3 add"]],
  ])("reads %j as money to spend", (text, expected) => {
    expect(items(read(text))).toEqual(expected);
  });

  const price: Record<string, number> = { cebolinha: 250, tomate: 750, coentro: 300 };
  test.each([
    ["5 reais de cebolinha", ["cebolinha 2 plain"], []],
    ["15 reais de tomate", ["tomate 2 plain"], []],
    ["3 reais de tomate", ["tomate 0.4 plain"], []],
    ["1 real de tomate", [], ["tomate"]],
    ["4 reais de cebolinha", [], ["cebolinha"]],
  ])("turns %j into the quantity it buys when exact, else asks", (text, expected, clarify) => {
    const resolved = resolveMoneyAmounts(read(text), (sku) => price[sku]);
    expect(items(resolved)).toEqual(expected);
    expect(resolved.clarify).toEqual(clarify);
  });

  test("the parse response asks about an amount of money it cannot price", () => {
    expect(toParseResponse(read("5 reais de cebolinha"))).toMatchObject({
      intent: "order",
      items: [],
      clarify: ["cebolinha"],
    });
  });
});

describe("repeating an order", () => {
  test.each([
    "repetir último pedido",
    "repete o pedido",
    "quero repetir o pedido da semana passada",
    "o mesmo da semana passada",
    "mesma coisa da última vez",
    "repeat my last order",
    "same as last week",
  ])("reads %j as repeating the last order", (text) => {
    expect(read(text).intent).toBe("repeat_order");
    expect(toParseResponse(read(text)).intent).toBe("order");
  });
});

describe("questions", () => {
  test.each([
    ["quanto tá o tomate?", ["tomate"], []],
    ["qual o preço da cebola?", ["cebola"], []],
    ["tem abacate?", [], ["abacate"]],
    ["vocês vendem alface?", ["alface"], []],
    ["how much are the tomatoes?", ["tomate"], []],
  ])("reads %j as a question about one product", (text, skus, unknown) => {
    const understanding = read(text);
    expect(understanding.intent).toBe("product_question");
    expect(understanding.items.map((item) => item.sku)).toEqual(skus);
    expect(understanding.unknown).toEqual(unknown);
    expect(toParseResponse(understanding)).toMatchObject({ intent: "catalog", items: [] });
  });

  test.each([
    "vocês entregam no sábado?",
    "aceita pix?",
    "vocês têm entrega no sábado?",
    "tem como entregar amanhã?",
    "qual o valor do frete?",
    "qual o horário de funcionamento",
    "do you deliver on saturdays?",
  ])("reads %j as a question for a person", (text) => {
    expect(read(text).intent).toBe("question");
    expect(toParseResponse(read(text)).intent).toBe("other");
  });

  test.each([
    ["cadê meu pedido?", "status"],
    ["oi, tudo bem?", "help"],
    ["catálogo?", "catalog"],
    ["tem o que hoje?", "catalog"],
  ])("still reads %j as %s", (text, intent) => {
    expect(read(text).intent).toBe(intent);
  });
});

describe("the entrepreneur's everyday words", () => {
  test.each([
    ["encerra os pedidos", { intent: "close_batch" }],
    ["fechar pedidos", { intent: "close_batch" }],
    ["close orders", { intent: "close_batch" }],
    ["mercadoria chegou", { intent: "batch_status", status: "arrived" }],
    ["as mercadorias chegaram", { intent: "batch_status", status: "arrived" }],
    ["the goods have arrived", { intent: "batch_status", status: "arrived" }],
    ["saímos para entrega", { intent: "batch_status", status: "on_the_way" }],
    ["entregamos tudo", { intent: "batch_status", status: "delivered" }],
    ["o 17 saiu pra entrega", { intent: "order_status", status: "on_the_way", order: 17 }],
    ["#105 a caminho", { intent: "order_status", status: "on_the_way", order: 105 }],
    ["pedido 42 a caminho", { intent: "order_status", status: "on_the_way", order: 42 }],
    ["#105 on the way", { intent: "order_status", status: "on_the_way", order: 105 }],
    ["goods arrived", { intent: "batch_status", status: "arrived" }],
    ["cancela o pedido 6", { intent: "order_status", status: "cancelled", order: 6 }],
    ["cancelar pedido 6", { intent: "order_status", status: "cancelled", order: 6 }],
    ["entreguei o pedido 5", { intent: "order_status", status: "delivered", order: 5 }],
    ["deliver order 5", { intent: "order_status", status: "delivered", order: 5 }],
    ["cancel order 6", { intent: "order_status", status: "cancelled", order: 6 }],
    ["perguntas", { intent: "list_questions" }],
    ["ver perguntas abertas", { intent: "list_questions" }],
    ["questions", { intent: "list_questions" }],
  ])("reads %j", (text, expected) => {
    expect(read(text)).toMatchObject(expected);
  });

  test.each([
    [
      "responder 5584999990001 sim, entregamos no sábado",
      { kind: "phone", phone: "5584999990001" },
      "sim, entregamos no sábado",
    ],
    ["responder +55 84 99999-0001: Entregamos sim!", { kind: "phone", phone: "5584999990001" }, "Entregamos sim!"],
    ["responder #3 Aceitamos Pix.", { kind: "handoff", number: 3 }, "Aceitamos Pix."],
    ["reply #12 yes, on Saturdays", { kind: "handoff", number: 12 }, "yes, on Saturdays"],
  ])("reads %j as an answer to a question", (text, to, answer) => {
    expect(read(text)).toMatchObject({ intent: "answer_question", answer: { to, text: answer } });
  });

  test.each(["responder", "responder #3", "responder 123 oi"])("does not read %j as an answer", (text) => {
    expect(read(text).intent).not.toBe("answer_question");
  });
});
