import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { DATABASE_KINDS } from "../support/test-database.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990019";

describe.each(DATABASE_KINDS)("changing an order exactly, on %s", (kind) => {
  let system: TestSystem;
  let phoneCounter = 0;
  const newCustomer = () => chatAs(system, `55849881${String(++phoneCounter).padStart(5, "0")}`, "Bia");
  const ordersOf = async (phone: string) => (await system.request("GET", `/api/v1/orders?phone=${phone}`)).body.orders;
  /** The customer's first order as "sku quantity" pairs, sorted. */
  const itemsOf = async (phone: string) => {
    const [order] = await ordersOf(phone);
    return order.items.map((item: { sku: string; quantity: number }) => `${item.sku} ${item.quantity}`).sort();
  };
  const customerWithOrder = async (list: string) => {
    const customer = newCustomer();
    await customer.say(list);
    expect((await customer.say("sim"))[0]).toMatch(/confirmado/);
    return customer;
  };

  beforeAll(async () => {
    system = await startTestSystem(kind, { ADMIN_PHONES: ADMIN, BOT_MESSAGES_PER_MINUTE: "1000" });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
  });

  it("sets the quantity on 'na verdade quero só', shown before → after and applied on yes", async () => {
    const customer = await customerWithOrder("2kg de cebola e 1kg de tomate");
    const [preview] = await customer.say("na verdade quero só 1 kg de cebola");
    expect(preview).toContain("• Cebola: 2 kg → 1 kg");
    expect(preview).toContain("*Novo total: R$ 13,40*");
    expect(preview).toContain("SIM");
    expect(await itemsOf(customer.phone)).toEqual(["cebola 2", "tomate 1"]);
    const [changed] = await customer.say("sim");
    expect(changed).toContain("atualizado");
    expect(await itemsOf(customer.phone)).toEqual(["cebola 1", "tomate 1"]);
    expect((await ordersOf(customer.phone))[0].total).toBe("13.40");
  });

  it("takes off with 'menos' and 'tira 1kg de', keeping the rest of the line", async () => {
    const customer = await customerWithOrder("5kg de tomate e 2kg de batata");
    expect((await customer.say("menos 2kg de tomate"))[0]).toContain("• Tomate: 5 kg → 3 kg");
    await customer.say("sim");
    expect((await customer.say("tira 1kg de batata"))[0]).toContain("• Batata Inglesa: 2 kg → 1 kg");
    await customer.say("sim");
    expect(await itemsOf(customer.phone)).toEqual(["batata 1", "tomate 3"]);
  });

  it("asks add or replace when a plain item names a product already in the order", async () => {
    const customer = await customerWithOrder("1kg de batata e 1 alface");
    const [question] = await customer.say("1kg de batata");
    expect(question).toContain("Seu pedido já tem 1 kg de Batata Inglesa");
    expect(question).toContain("*somar* (fica 2 kg)");
    expect(question).toContain("*trocar* (fica 1 kg)");
    expect(await itemsOf(customer.phone)).toEqual(["alface 1", "batata 1"]);
    expect((await customer.say("somar"))[0]).toContain("• Batata Inglesa: 1 kg → 2 kg");
    await customer.say("sim");
    expect(await itemsOf(customer.phone)).toEqual(["alface 1", "batata 2"]);

    await customer.say("3kg de batata");
    expect((await customer.say("trocar"))[0]).toContain("• Batata Inglesa: 2 kg → 3 kg");
    await customer.say("sim");
    expect(await itemsOf(customer.phone)).toEqual(["alface 1", "batata 3"]);
  });

  it("keeps a change waiting for yes while it asks add or replace about another item", async () => {
    const customer = await customerWithOrder("1kg de tomate");
    await customer.say("mais 1kg de cebola");
    expect((await customer.say("2kg de tomate"))[0]).toContain("*somar*");
    const [preview] = await customer.say("somar");
    expect(preview).toContain("• Tomate: 1 kg → 3 kg");
    expect(preview).toContain("• Cebola: novo, 1 kg");
    await customer.say("sim");
    expect(await itemsOf(customer.phone)).toEqual(["cebola 1", "tomate 3"]);
  });

  it("asks add or replace inside an unconfirmed list too", async () => {
    const customer = newCustomer();
    await customer.say("1kg de tomate");
    expect((await customer.say("1kg de tomate"))[0]).toContain("*somar*");
    const [summary] = await customer.say("somar");
    expect(summary).toContain("2 kg de Tomate");
    await customer.say("sim");
    expect(await itemsOf(customer.phone)).toEqual(["tomate 2"]);
  });

  it("asks as a cancellation when a change takes the last item away", async () => {
    const customer = await customerWithOrder("2kg de tomate");
    const [question] = await customer.say("tira 2kg de tomate");
    expect(question).toMatch(/fica vazio\. Quer cancelar o pedido #\d+\?/);
    expect((await ordersOf(customer.phone))[0].status).toBe("received");
    await customer.say("sim");
    expect((await ordersOf(customer.phone))[0].status).toBe("cancelled");
  });

  it("buys what 5 reais buys when it is exact, and asks when it is not", async () => {
    const customer = newCustomer();
    expect((await customer.say("5 reais de cebolinha"))[0]).toContain("2 maços de Cebolinha — R$ 5,00");
    const asked = (await customer.say("1 real de tomate")).join("\n");
    expect(asked).toContain("Quanto de Tomate?");
    await customer.say("sim");
    expect(await itemsOf(customer.phone)).toEqual(["cebolinha 2"]);
  });

  it("leaves the order as it was on 'não' to a change", async () => {
    const customer = await customerWithOrder("1kg de uva");
    await customer.say("mais 1kg de uva");
    expect(await customer.say("não")).toEqual(["Tudo bem, não mudei nada no pedido."]);
    expect((await customer.say("sim"))[0]).toContain("nada para confirmar");
    expect(await itemsOf(customer.phone)).toEqual(["uva 1"]);
  });

  it("repeats the last order at today's prices after a close, into the new batch", async () => {
    const customer = await customerWithOrder("2kg de laranja e 1 abacaxi");
    const [first] = await ordersOf(customer.phone);
    expect((await chatAs(system, ADMIN).say("fechar lote"))[0]).toMatch(/fechado/);
    const [summary] = await customer.say("repetir último pedido");
    expect(summary).toContain(`Repetindo o pedido #${first.number}`);
    expect(summary).toContain("2 kg de Laranja");
    expect(summary).toContain("1 unidade de Abacaxi");
    await customer.say("sim");
    const orders = await ordersOf(customer.phone);
    expect(orders).toHaveLength(2);
    expect(orders[1].batchId).not.toBe(first.batchId);
    expect(
      orders[1].items.map((item: { sku: string; quantity: number }) => `${item.sku} ${item.quantity}`).sort(),
    ).toEqual(["abacaxi 1", "laranja 2"]);
  });

  it("changes an order in English the same way", async () => {
    const customer = newCustomer();
    await customer.say("I'd like 2kg of onions");
    expect((await customer.say("yes"))[0]).toMatch(/Order #\d+ confirmed/);
    const [question] = await customer.say("1kg of onions");
    expect(question).toContain("*Add* (making 3 kg) or *replace* (making 1 kg)?");
    expect((await customer.say("replace"))[0]).toContain("• Cebola: 2 kg → 1 kg");
    expect((await customer.say("yes"))[0]).toContain("updated");
    expect(await itemsOf(customer.phone)).toEqual(["cebola 1"]);
  });

  describe("bad input", () => {
    it("refuses taking off more than the order has, with the reason, changing nothing", async () => {
      const customer = await customerWithOrder("5kg de tomate");
      const [refused] = await customer.say("menos 9kg de tomate");
      expect(refused).toContain("Seu pedido tem 5 kg de Tomate; não dá para tirar 9 kg.");
      expect((await customer.say("sim"))[0]).toContain("nada para confirmar");
      expect(await itemsOf(customer.phone)).toEqual(["tomate 5"]);
    });

    it("refuses adding past the limit, changing nothing", async () => {
      const customer = await customerWithOrder("500kg de tomate");
      const [refused] = await customer.say("mais 600kg de tomate");
      expect(refused).toContain("grande demais");
      expect(await itemsOf(customer.phone)).toEqual(["tomate 500"]);
    });

    it("says there is nothing to confirm on a 'sim' with nothing pending", async () => {
      expect(await newCustomer().say("sim")).toEqual([
        "Não há nada para confirmar. Mande sua lista de compras primeiro 🙂",
      ]);
    });

    it("names a product to take away that the order does not have", async () => {
      const customer = await customerWithOrder("1kg de tomate");
      expect((await customer.say("tira a cebola"))[0]).toBe("Cebola não está no seu pedido.");
      expect(await itemsOf(customer.phone)).toEqual(["tomate 1"]);
    });
  });
});
