import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { DATABASE_KINDS } from "../support/test-database.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990049";

describe.each(DATABASE_KINDS)("after a close, and the entrepreneur's everyday words, on %s", (kind) => {
  let system: TestSystem;
  let phoneCounter = 0;
  const newCustomer = () => chatAs(system, `55849883${String(++phoneCounter).padStart(5, "0")}`, "Edu");
  /** The entrepreneur's chat; `say` leaves out sheet links that happen to be sent along with the reply. */
  const admin = () => {
    const chat = chatAs(system, ADMIN);
    return { say: async (text: string) => (await chat.say(text)).filter((reply) => !/^(📄|✅ Todas)/u.test(reply)) };
  };
  const ordersOf = async (phone: string) => (await system.request("GET", `/api/v1/orders?phone=${phone}`)).body.orders;
  const orderNumber = async (list: string) => {
    const customer = newCustomer();
    await customer.say(list);
    const [confirmed] = await customer.say("sim");
    return { customer, number: Number(confirmed?.match(/#(\d+)/)?.[1]) };
  };
  const receives = (phone: string, text: string) =>
    eventually(
      async () => (await chatAs(system, phone).transcript()).find((message) => message.text.includes(text))?.text,
    );

  beforeAll(async () => {
    system = await startTestSystem(kind, { ADMIN_PHONES: ADMIN, BOT_MESSAGES_PER_MINUTE: "1000" });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
  });

  it("says a closed order was sent to the providers, and starts new items in the new batch, saying so", async () => {
    const { customer, number } = await orderNumber("1kg de cebola");
    expect((await admin().say("encerra os pedidos"))[0]).toMatch(/Lote \d+ fechado/);
    expect(await customer.say("tira a cebola")).toEqual([
      `O pedido #${number} já foi fechado e enviado aos fornecedores: não dá mais para mudar nem cancelar.`,
    ]);
    expect((await customer.say("cancelar"))[0]).toContain(`O pedido #${number} já foi fechado`);
    expect((await customer.say("troca cebola por 3kg"))[0]).toContain(`O pedido #${number} já foi fechado`);
    expect((await customer.say("sim"))[0]).toContain("nada para confirmar");
    const [started] = await customer.say("mais 1kg de cebola");
    expect(started).toContain(
      `O pedido #${number} já foi fechado e enviado aos fornecedores. Estes itens vão num pedido novo:`,
    );
    expect(started).toContain("1 kg de Cebola");
    expect((await ordersOf(customer.phone)).map((order: { status: string }) => order.status)).toEqual(["placed"]);
    await customer.say("sim");
    const orders = await ordersOf(customer.phone);
    expect(orders.map((order: { status: string }) => order.status)).toEqual(["placed", "received"]);
    expect(orders[1].batchId).not.toBe(orders[0].batchId);
  });

  it("moves one order with the words people use, and tells its customer", async () => {
    const first = await orderNumber("1 abacaxi");
    const second = await orderNumber("1 mamão");
    const third = await orderNumber("2 alfaces");
    expect((await admin().say(`cancelar pedido ${third.number}`))[0]).toBe(
      `Pedido #${third.number} cancelado. Cliente avisado.`,
    );
    expect(await receives(third.customer.phone, "foi cancelado")).toBe(`Seu pedido #${third.number} foi cancelado.`);
    await admin().say("fechar lote");
    expect((await admin().say(`o ${first.number} saiu pra entrega`))[0]).toBe(
      `Pedido #${first.number} a caminho 🚚. Cliente avisado.`,
    );
    expect((await admin().say(`#${second.number} a caminho`))[0]).toContain(`Pedido #${second.number} a caminho`);
    expect((await admin().say(`pedido ${first.number} chegou`))[0]).toBe(
      `Pedido #${first.number} chegou 📦. Cliente avisado.`,
    );
    expect((await admin().say(`entreguei o pedido ${second.number}`))[0]).toBe(
      `Não dá: o pedido #${second.number} está a caminho e não pode ser marcado como "entregue".`,
    );
    expect((await admin().say(`entreguei o pedido ${first.number}`))[0]).toBe(
      `Pedido #${first.number} entregue ✅. Cliente avisado.`,
    );
    expect(await receives(first.customer.phone, "foi entregue")).toBe(
      `Seu pedido #${first.number} foi entregue ✅ Obrigado pela compra!`,
    );
    expect((await admin().say("cancelar pedido 99999"))[0]).toBe("Não encontrei o pedido #99999.");
  });

  it("counts only the customers really told when a batch moves on", async () => {
    const first = await orderNumber("1kg de manga");
    const second = await orderNumber("1kg de uva");
    await orderNumber("1kg de limão");
    await admin().say("fechar lote");
    // One order is already on its way on its own: the batch's news reaches the other two.
    await admin().say(`pedido ${first.number} a caminho`);
    expect((await admin().say("lote a caminho"))[0]).toMatch(/^Lote \d+ a caminho 🚚\. 2 clientes avisados\.$/);
    expect((await admin().say("mercadoria chegou"))[0]).toMatch(/^Lote \d+ chegou 📦\. 3 clientes avisados\.$/);
    expect(await receives(second.customer.phone, "chegou")).toBe(
      `Seu pedido #${second.number} chegou e está pronto para entrega 📦`,
    );
    expect((await admin().say("entregamos tudo"))[0]).toMatch(/^Lote \d+ entregue ✅\. 3 clientes avisados\.$/);
  });

  it("reads the commands that carry phone numbers on the raw text, for the entrepreneur only", async () => {
    expect(await admin().say("adicionar admin 5584999990059")).toEqual([
      "Os admins são os números de ADMIN_PHONES na configuração do sistema; mude lá e reinicie para adicionar ou remover.",
    ]);
    expect(await admin().say("refazer planilhas")).toEqual(["Não há planilhas com falha para refazer."]);
    const customer = newCustomer();
    for (const command of ["adicionar admin 5584999990059", "refazer planilhas"])
      expect((await customer.say(command))[0]).toContain("Não entendi");
  });

  it("lets a customer cancel its own open order with 'cancelar pedido N', asking first", async () => {
    const { customer, number } = await orderNumber("1kg de chuchu");
    expect((await customer.say(`cancelar pedido ${number}`))[0]).toBe(
      `Quer mesmo cancelar o pedido #${number}? Responda *SIM* para cancelar.`,
    );
    await customer.say("sim");
    expect((await ordersOf(customer.phone))[0].status).toBe("cancelled");
    expect((await customer.say(`cancelar pedido ${number - 1}`))[0]).toContain("Não entendi");
  });
});

describe("a catalog too long for a few messages", () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem("pglite", { BOT_MESSAGES_PER_MINUTE: "1000" });
    const catalog = exampleCatalog();
    const products = Array.from({ length: 3000 }, (_, index) => ({
      sku: `produto-${index}`,
      name: `Produto de teste número ${index}`,
      unit: "un",
      price: "1.00",
      provider: (catalog.providers[0] as { key: string }).key,
      category: `Categoria ${index % 7}`,
    }));
    const response = await system.request("PUT", "/api/v1/catalog", { ...catalog, products });
    expect(response.status).toBe(200);
  });
  afterAll(async () => {
    await system?.close();
  });

  it("answers with at most 5 messages and sends the rest on 'mais'", async () => {
    const customer = chatAs(system, "5584988399999");
    const first = await customer.say("catálogo");
    expect(first).toHaveLength(5);
    expect(first.at(-1)).toContain("mande *mais* para ver o resto");
    const seen = new Set(first.join("\n").match(/Produto de teste número \d+/g));
    let replies = first;
    for (let page = 0; page < 20 && replies.at(-1)?.includes("mande *mais*"); page++) {
      replies = await customer.say("mais");
      expect(replies.length).toBeLessThanOrEqual(5);
      for (const name of replies.join("\n").match(/Produto de teste número \d+/g) ?? []) seen.add(name);
    }
    expect(replies.at(-1)).not.toContain("mande *mais*");
    expect(seen.size).toBe(3000);
  });
});
