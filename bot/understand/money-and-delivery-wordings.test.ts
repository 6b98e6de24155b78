import { describe, expect, test } from "vitest";
import { type AddressReading, readAddress, readDeliveryWords } from "./read-delivery-answer.ts";
import { commandLanguage, type MoneyCommand, readMoneyCommand } from "./read-money-command.ts";

describe("the entrepreneur's delivery and money commands", () => {
  test.each<[string, MoneyCommand | null]>([
    ["pedido 42 pago", { kind: "paid", order: 42 }],
    ["Pedido #42 foi pago!", { kind: "paid", order: 42 }],
    ["pedido nº 7 está pago", { kind: "paid", order: 7 }],
    ["pagou o pedido 12", { kind: "paid", order: 12 }],
    ["order 42 paid", { kind: "paid", order: 42 }],
    ["order 42 is paid", { kind: "paid", order: 42 }],
    ["quem falta pagar?", { kind: "unpaid" }],
    ["quem ainda não pagou", { kind: "unpaid" }],
    ["Pagamentos pendentes", { kind: "unpaid" }],
    ["who still owes?", { kind: "unpaid" }],
    ["who hasn't paid", { kind: "unpaid" }],
    ["unpaid orders", { kind: "unpaid" }],
    ["pedido 42", { kind: "show_order", order: 42 }],
    ["ver pedido #42", { kind: "show_order", order: 42 }],
    ["order 42", { kind: "show_order", order: 42 }],
    ["lote pronto", { kind: "batch_ready" }],
    ["o lote está pronto!", { kind: "batch_ready" }],
    ["batch ready", { kind: "batch_ready" }],
    ["pedido 42 pronto", { kind: "order_ready", order: 42 }],
    ["order 42 is ready", { kind: "order_ready", order: 42 }],
    [
      "pedido 42 tomate 2,150",
      { kind: "delivered", order: 42, items: [{ product: "tomate", quantityMilli: 2150, grams: false }] },
    ],
    [
      "Pedido 42: tomate 2,150 kg, alface 0",
      {
        kind: "delivered",
        order: 42,
        items: [
          { product: "tomate", quantityMilli: 2150, grams: false },
          { product: "alface", quantityMilli: 0, grams: false },
        ],
      },
    ],
    [
      "pedido 42 tomate 2150g e ovos caipira 1",
      {
        kind: "delivered",
        order: 42,
        items: [
          { product: "tomate", quantityMilli: 2_150_000, grams: true },
          { product: "ovos caipira", quantityMilli: 1000, grams: false },
        ],
      },
    ],
    [
      "order 42 tomato 2.15",
      { kind: "delivered", order: 42, items: [{ product: "tomato", quantityMilli: 2150, grams: false }] },
    ],
    ["faltou alface no pedido 42", { kind: "missing", order: 42, products: ["alface"] }],
    ["Faltou alface e coentro no pedido #42", { kind: "missing", order: 42, products: ["alface", "coentro"] }],
    ["pedido 42 faltou o alface", { kind: "missing", order: 42, products: ["alface"] }],
    ["no lettuce in order 42", { kind: "missing", order: 42, products: ["lettuce"] }],
    ["lettuce missing from order 42", { kind: "missing", order: 42, products: ["lettuce"] }],
    // Statuses, lists and questions stay with the reader's intents.
    ["pedido 42 entregue", null],
    ["pedido 42 a caminho", null],
    ["2kg de tomate", null],
    ["pedido 42 tomate", null],
    ["pedido 42 tomate 2,1234", null],
    ["quanto custa o tomate?", null],
    ["lote chegou", null],
  ])("%j reads as %j", (text, expected) => {
    expect(readMoneyCommand(text)).toEqual(expected);
  });

  test.each([
    ["pedido 42 pago", "pt-BR"],
    ["quem falta pagar", "pt-BR"],
    ["order 42 paid", "en"],
    ["who still owes", "en"],
  ])("%j is written in %s", (text, language) => {
    expect(commandLanguage(text)).toBe(language);
  });
});

describe("the customer's delivery words", () => {
  test.each([
    ["entrega", "delivery"],
    ["Quero entrega, por favor", "delivery"],
    ["delivery", "delivery"],
    ["retirada", "pickup"],
    ["vou retirar", "pickup"],
    ["Eu vou buscar", "pickup"],
    ["pickup", "pickup"],
    ["I'll pick it up", "pickup"],
    ["mudar endereço", "change_address"],
    ["quero trocar meu endereço de entrega", "change_address"],
    ["change my address", "change_address"],
    ["2kg de tomate", null],
    ["quando é a entrega?", null],
    ["sim", null],
  ])("%j reads as %s", (text, kind) => {
    expect(readDeliveryWords(text)?.kind ?? null).toBe(kind);
  });
});

describe("addresses as customers write them", () => {
  test.each<[string, AddressReading]>([
    [
      "Rua das Flores, 12, Centro, perto da padaria",
      {
        kind: "address",
        address: { street: "Rua das Flores", number: "12", neighbourhood: "Centro", reference: "perto da padaria" },
      },
    ],
    [
      "Rua das Flores 12 - Lagoa Nova - portão azul",
      {
        kind: "address",
        address: { street: "Rua das Flores", number: "12", neighbourhood: "Lagoa Nova", reference: "portão azul" },
      },
    ],
    [
      "Av. Brasil, nº 1500 apto 302\nPetrópolis\nref: em frente ao mercado",
      {
        kind: "address",
        address: {
          street: "Av. Brasil",
          number: "1500 apto 302",
          neighbourhood: "Petrópolis",
          reference: "em frente ao mercado",
        },
      },
    ],
    [
      "Travessa Um, s/n, bairro Centro",
      { kind: "address", address: { street: "Travessa Um", number: "s/n", neighbourhood: "Centro" } },
    ],
    ["aqui", { kind: "vague" }],
    ["Aqui!", { kind: "vague" }],
    ["em casa", { kind: "vague" }],
    ["here", { kind: "vague" }],
    ["Rua das Flores, 12", { kind: "incomplete" }],
    ["Rua das Flores, Centro", { kind: "incomplete" }],
    ["2kg de tomate", { kind: "incomplete" }],
  ])("%j reads as %j", (text, expected) => {
    expect(readAddress(text)).toEqual(expected);
  });
});
