import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { DATABASE_KINDS } from "../support/test-database.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990009";

describe.each(DATABASE_KINDS)("a customer's conversation on %s", (kind) => {
  let system: TestSystem;
  let phoneCounter = 0;
  const newCustomer = (name?: string) => chatAs(system, `55849880${String(++phoneCounter).padStart(5, "0")}`, name);
  const ordersOf = async (phone: string) => (await system.request("GET", `/api/v1/orders?phone=${phone}`)).body.orders;

  beforeAll(async () => {
    system = await startTestSystem(kind, { ADMIN_PHONES: ADMIN, BOT_MESSAGES_PER_MINUTE: "30" });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
  });

  it("greets with what the bot can do", async () => {
    const [reply] = await newCustomer().say("oi");
    expect(reply).toContain("catálogo");
    expect(reply).toContain("status");
    expect(reply).not.toContain("fechar lote");
  });

  it("lists the catalog by category with prices", async () => {
    const replies = await newCustomer().say("catálogo");
    const text = replies.join("\n");
    expect(text).toContain("*Legumes*");
    expect(text).toContain("Tomate: R$ 7,50/kg");
    expect(replies.every((reply) => reply.length <= 4096)).toBe(true);
  });

  it("summarises an order, confirms it with a number, and tracks it", async () => {
    const customer = newCustomer("Ana");
    const [summary] = await customer.say("2kg de tomate e meia dúzia de ovos");
    expect(summary).toContain("2 kg de Tomate — R$ 15,00");
    expect(summary).toContain("Ovos Caipira — R$ 7,50");
    expect(summary).toContain("Total: R$ 22,50");
    expect(summary).toContain("SIM");
    expect(await ordersOf(customer.phone)).toEqual([]);

    const [confirmed] = await customer.say("sim");
    expect(confirmed).toMatch(/Pedido #\d+ confirmado/);
    const [order] = await ordersOf(customer.phone);
    expect(order).toMatchObject({ status: "received", total: "22.50" });
    expect(order.items.map((item: { sku: string }) => item.sku)).toEqual(["tomate", "ovos"]);

    const [status] = await customer.say("cadê meu pedido?");
    expect(status).toContain(`Pedido #${order.number}`);
    expect(status).toContain("dá para mudar até o fechamento do lote");
  });

  it("changes a confirmed order: adds, removes and replaces, each shown before → after and applied on yes", async () => {
    const customer = newCustomer();
    await customer.say("1kg de tomate e 1 maço de coentro");
    await customer.say("sim");
    expect((await customer.say("mais 1kg de cebola"))[0]).toContain("• Cebola: novo, 1 kg");
    expect((await customer.say("sim"))[0]).toContain("1 kg de Cebola");
    expect((await customer.say("tira o coentro"))[0]).toContain("• Coentro: 1 maço → sai do pedido");
    expect((await customer.say("sim"))[0]).not.toContain("Coentro");
    expect((await customer.say("troca tomate por 3kg"))[0]).toContain("• Tomate: 1 kg → 3 kg");
    expect((await customer.say("sim"))[0]).toContain("3 kg de Tomate");
    const [order] = await ordersOf(customer.phone);
    expect(order.items.map((item: { sku: string; quantity: number }) => [item.sku, item.quantity])).toEqual([
      ["tomate", 3],
      ["cebola", 1],
    ]);
  });

  it("removes nothing when the product to take out is not in the catalog", async () => {
    const customer = newCustomer();
    await customer.say("1kg de tomate e 1 maço de coentro");
    await customer.say("sim");
    const text = (await customer.say("tira o caviar")).join("\n");
    expect(text).toContain("caviar");
    const [order] = await ordersOf(customer.phone);
    expect(order.status).toBe("received");
    expect(order.items).toHaveLength(2);
  });

  it("drops an unanswered cancellation when the customer moves on, so a later 'ok' confirms the change instead", async () => {
    const customer = newCustomer();
    await customer.say("1kg de tomate");
    await customer.say("sim");
    expect((await customer.say("cancelar"))[0]).toContain("cancelar o pedido");
    await customer.say("mais 1kg de cebola");
    expect((await customer.say("ok"))[0]).toContain("atualizado");
    const [order] = await ordersOf(customer.phone);
    expect(order.status).toBe("received");
    expect(order.items).toHaveLength(2);
  });

  it("keeps the list when confirming fails, so the customer can confirm it once possible", async () => {
    const customer = newCustomer();
    await customer.say("1 pote de mel");
    const catalog = exampleCatalog();
    await system.request("PUT", "/api/v1/catalog", {
      ...catalog,
      products: catalog.products.filter((product) => product.sku !== "mel"),
    });
    const refused = await customer.say("sim");
    expect(refused.join("\n")).not.toContain("confirmado");
    await system.request("PUT", "/api/v1/catalog", catalog);
    expect((await customer.say("sim"))[0]).toContain("confirmado");
  });

  it("names what it could not read, suggests, and asks about inexact quantities", async () => {
    const customer = newCustomer();
    const text = (await customer.say("1 kg de tomate, 1 kg de picanha e 3 cebolas")).join("\n");
    expect(text).toContain('"picanha"');
    expect(text).toMatch(/Quanto de Cebola/);
    expect(text).toContain("1 kg de Tomate");
    const suggestion = (await customer.say("2kg de tomatinho")).join("\n");
    expect(suggestion).toMatch(/quis dizer .*Tomate/);
  });

  it("cancels only after a second yes, and the notification says so", async () => {
    const customer = newCustomer();
    await customer.say("2 alfaces");
    await customer.say("sim");
    const [question] = await customer.say("cancelar");
    expect(question).toMatch(/cancelar o pedido #\d+\?/);
    expect(await customer.say("não")).toEqual(["Ok, seu pedido continua de pé."]);
    await customer.say("cancelar");
    const [told] = await customer.say("sim");
    expect(told).toMatch(/pedido #\d+ foi cancelado/);
    expect((await ordersOf(customer.phone))[0].status).toBe("cancelled");
    expect(await customer.say("cancelar")).toEqual(["Você não tem pedido que ainda possa ser cancelado."]);
  });

  it("says an order closed since the customer asked to cancel it can no longer be cancelled", async () => {
    const customer = newCustomer();
    await customer.say("1 abacaxi");
    await customer.say("sim");
    const [question] = await customer.say("cancelar");
    const number = question?.match(/#(\d+)/)?.[1];
    expect((await chatAs(system, ADMIN).say("fechar lote"))[0]).toMatch(/Lote \d+ fechado/);
    expect(await customer.say("sim")).toEqual([
      `O pedido #${number} já foi fechado e enviado aos fornecedores: não dá mais para mudar nem cancelar.`,
    ]);
    expect((await ordersOf(customer.phone))[0].status).toBe("placed");
  });

  it("drops an unconfirmed list on cancel and has nothing to confirm afterwards", async () => {
    const customer = newCustomer();
    await customer.say("1kg de uva");
    expect((await customer.say("cancelar"))[0]).toContain("descartei");
    expect((await customer.say("sim"))[0]).toContain("nada para confirmar");
    expect(await ordersOf(customer.phone)).toEqual([]);
  });

  it("answers in English to a customer who writes English", async () => {
    const customer = newCustomer();
    const [summary] = await customer.say("I'd like 2kg of tomatoes and a dozen eggs");
    expect(summary).toContain("Reply *YES* to confirm");
    const [confirmed] = await customer.say("yes");
    expect(confirmed).toMatch(/Order #\d+ confirmed/);
  });

  it("refuses entrepreneur commands from a customer without hinting at them", async () => {
    const customer = newCustomer();
    for (const command of ["fechar lote", "resumo", "lote a caminho", "pedido 1 entregue"]) {
      const [reply] = await customer.say(command);
      expect(reply).toContain("Não entendi");
      expect(reply).not.toMatch(/lote|fechar/i);
    }
  });

  it("has no new effect when the same message id arrives again, even at once", async () => {
    const customer = newCustomer();
    await customer.say("1kg de laranja");
    const results = await Promise.all(Array.from({ length: 5 }, () => customer.say("sim", `dup-${customer.phone}`)));
    expect(
      results.filter((replies) => replies.length > 0),
      JSON.stringify(results),
    ).toHaveLength(1);
    const orders = await ordersOf(customer.phone);
    expect(orders).toHaveLength(1);
    expect(orders[0].items[0].quantity).toBe(1);
  });

  it.each([
    ["an empty text", { from: "5584999990100", text: "   " }],
    ["a text over 4096 characters", { from: "5584999990100", text: "a".repeat(4097) }],
    ["a phone with letters", { from: "55849abc0100", text: "oi" }],
    ["a short phone", { from: "123", text: "oi" }],
    ["no text at all", { from: "5584999990100" }],
  ])("answers %s with 400 and an error", async (_label, body) => {
    const { status, body: answer } = await system.request("POST", "/sim/messages", body, null);
    expect(status).toBe(400);
    expect(typeof answer.error).toBe("string");
  });

  it("gives a flood one 'calma' instead of a hundred answers", async () => {
    const customer = newCustomer();
    const answers: string[][] = [];
    for (let index = 0; index < 100; index++) answers.push(await customer.say(`oi ${index}`));
    const texts = answers.flat();
    expect(texts.filter((text) => text.includes("Calma"))).toHaveLength(1);
    expect(texts.length).toBe(31);
  });

  it("answers hostile text helpfully and writes nothing", async () => {
    const customer = newCustomer();
    for (const text of ["'; drop table orders; --", "<script>alert(1)</script>", "🍅🍅🍅🍅", "\u0000\u0007\u001b[2J"]) {
      const replies = await customer.say(text);
      expect(replies.length).toBeGreaterThan(0);
      expect(replies.every((reply) => reply.length > 0 && reply.length <= 4096)).toBe(true);
    }
    expect(await ordersOf(customer.phone)).toEqual([]);
  });

  it("keeps the whole conversation, later notifications included", async () => {
    const customer = newCustomer();
    await customer.say("1 abacaxi");
    await customer.say("sim");
    const admin = chatAs(system, ADMIN);
    const [closed] = await admin.say("fechar lote");
    expect(closed).toMatch(/Lote \d+ fechado/);
    const transcript = await eventually(async () => {
      const lines = await customer.transcript();
      return lines.some((line) => line.text.includes("encomendado aos fornecedores")) && lines;
    });
    // The first confirmation is two messages: the order, then "entrega ou retirada?".
    expect(transcript.map((line) => line.direction)).toEqual(["in", "out", "in", "out", "out", "out"]);
  });
});
