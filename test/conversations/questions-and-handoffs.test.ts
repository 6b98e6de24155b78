import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { DATABASE_KINDS } from "../support/test-database.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990029";
const SECOND_ADMIN = "5584999990039";

describe.each(DATABASE_KINDS)("questions and handoffs, on %s", (kind) => {
  let system: TestSystem;
  let phoneCounter = 0;
  const newCustomer = (name = "Carla") => chatAs(system, `55849882${String(++phoneCounter).padStart(5, "0")}`, name);
  /** Waits for a message containing `text` in the phone's chat (notifications are sent after the reply). */
  const receives = (phone: string, text: string) =>
    eventually(async () => {
      const transcript = await chatAs(system, phone).transcript();
      return transcript.find((message) => message.direction === "out" && message.text.includes(text))?.text;
    });

  beforeAll(async () => {
    system = await startTestSystem(kind, {
      ADMIN_PHONES: `${ADMIN},${SECOND_ADMIN}`,
      BOT_MESSAGES_PER_MINUTE: "1000",
    });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
  });

  it("answers the price and availability of one product, not the whole catalog", async () => {
    const customer = newCustomer();
    expect(await customer.say("quanto tá o tomate?")).toEqual([
      "Tomate: R$ 7,50/kg. Temos, sim!\nPara pedir, mande a quantidade: _2 kg de tomate_.",
    ]);
    const [absent] = await customer.say("tem abacate?");
    expect(absent).toBe('Não vendemos "abacate".');
    expect((await customer.say("do you have lettuce?"))[0]).toContain("Alface Crespa: R$ 3,00/unit. Yes, we have it!");
  });

  it("says a product that ran out this week is sold out, without offering to take the order", async () => {
    const morango = exampleCatalog().products.find((product) => product.sku === "morango");
    await system.request("PATCH", "/api/v1/catalog", {
      providers: exampleCatalog().providers,
      products: [{ ...morango, available: false }],
    });
    try {
      const [answer] = await newCustomer().say("tem morango?");
      expect(answer).toMatch(/^Morango: R\$ [\d,]+\/\w+\. Acabou esta semana\.$/);
    } finally {
      await system.request("PATCH", "/api/v1/catalog", {
        providers: exampleCatalog().providers,
        products: [{ ...morango, available: true }],
      });
    }
  });

  it("passes a question on to every entrepreneur and delivers the answer in the customer's chat", async () => {
    const customer = newCustomer("Ana");
    const [told] = await customer.say("vocês entregam no sábado?");
    const number = Number(told?.match(/pergunta #(\d+)/)?.[1]);
    expect(told).toContain("passei sua pergunta para a equipe");
    expect(number).toBeGreaterThan(0);
    for (const admin of [ADMIN, SECOND_ADMIN]) {
      const notice = await receives(admin, `Pergunta #${number}`);
      expect(notice).toBe(
        `❓ Pergunta #${number} de Ana (${customer.phone}):\n"vocês entregam no sábado?"\n\nPara responder: _responder #${number} sua resposta_`,
      );
    }
    const open = await system.request("GET", "/api/v1/handoffs?status=open");
    expect(open.body.handoffs).toContainEqual(
      expect.objectContaining({ number, phone: customer.phone, name: "Ana", status: "open", answer: null }),
    );
    const admin = chatAs(system, ADMIN);
    expect((await admin.say("perguntas"))[0]).toContain(
      `#${number} Ana (${customer.phone}): "vocês entregam no sábado?"`,
    );

    expect(await admin.say(`responder #${number} Entregamos sim, das 8h às 12h.`)).toEqual([
      `Resposta enviada a Ana (${customer.phone}) (pergunta #${number}).`,
    ]);
    expect(await receives(customer.phone, "Resposta da equipe")).toBe(
      "💬 Resposta da equipe: Entregamos sim, das 8h às 12h.",
    );
    const answered = await system.request("GET", "/api/v1/handoffs?status=answered");
    expect(answered.body.handoffs).toContainEqual(
      expect.objectContaining({ number, status: "answered", answer: "Entregamos sim, das 8h às 12h." }),
    );
    expect((await admin.say("perguntas"))[0]).not.toContain(`#${number} `);
  });

  it("answers by the customer's phone, and over the API", async () => {
    const customer = newCustomer("Davi");
    await customer.say("aceita pix?");
    const admin = chatAs(system, ADMIN);
    expect((await admin.say(`responder ${customer.phone} Aceitamos, sim.`))[0]).toContain("Resposta enviada a Davi");
    expect(await receives(customer.phone, "Aceitamos, sim.")).toBe("💬 Resposta da equipe: Aceitamos, sim.");

    const [again] = await customer.say("e cartão, aceita?");
    const number = Number(again?.match(/#(\d+)/)?.[1]);
    const response = await system.request("POST", `/api/v1/handoffs/${number}/answer`, { text: "Cartão também." });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ number, status: "answered", answer: "Cartão também." });
    expect(await receives(customer.phone, "Cartão também.")).toBe("💬 Resposta da equipe: Cartão também.");
  });

  it("answers in English to a customer who asks in English", async () => {
    const customer = newCustomer("John");
    const [told] = await customer.say("do you deliver on saturdays?");
    expect(told).toContain("passed your question on to the team");
  });

  it("keeps a flood of questions from one phone without pushing more than 3 to the entrepreneur", async () => {
    const customer = newCustomer("Fábio");
    const numbers: number[] = [];
    for (const day of ["segunda", "terça", "quarta", "quinta", "sexta"]) {
      const [told] = await customer.say(`vocês entregam na ${day}?`);
      numbers.push(Number(told?.match(/#(\d+)/)?.[1]));
    }
    await receives(ADMIN, `Pergunta #${numbers[2]}`);
    const open = await system.request("GET", "/api/v1/handoffs?status=open");
    const fromCustomer = open.body.handoffs.filter((handoff: { phone: string }) => handoff.phone === customer.phone);
    expect(fromCustomer.map((handoff: { number: number }) => handoff.number)).toEqual(numbers);
    const pushed = (await chatAs(system, ADMIN).transcript()).filter((message) =>
      numbers.some((number) => message.text.startsWith(`❓ Pergunta #${number} `)),
    );
    expect(pushed).toHaveLength(3);
  });

  it("keeps the parse route on PRODUCT.md's closed list of intents, with money priced", async () => {
    const parse = async (text: string) => (await system.request("POST", "/api/v1/parse", { text })).body;
    expect(await parse("5 reais de cebolinha")).toEqual({
      intent: "order",
      items: [{ sku: "cebolinha", quantity: 2, unit: "maco" }],
      unknown: [],
      clarify: [],
    });
    expect(await parse("1 real de tomate")).toMatchObject({ intent: "order", items: [], clarify: ["tomate"] });
    expect((await parse("quanto tá o tomate?")).intent).toBe("catalog");
    expect((await parse("vocês entregam no sábado?")).intent).toBe("other");
    expect((await parse("repetir último pedido")).intent).toBe("order");
    expect((await parse("responder #3 sim")).intent).toBe("other");
    expect(await parse("tira 1kg de batata")).toMatchObject({ intent: "remove", items: [{ sku: "batata" }] });
  });

  describe("bad input", () => {
    it("says so when the answer is for an unknown question or phone, and sends nothing", async () => {
      const admin = chatAs(system, ADMIN);
      expect((await admin.say("responder #9999 oi"))[0]).toBe(
        "Não encontrei a pergunta #9999. Mande *perguntas* para ver as que estão em aberto.",
      );
      expect((await admin.say("responder 5584977776666 oi"))[0]).toContain(
        "Não encontrei pergunta do número 5584977776666",
      );
      expect(await chatAs(system, "5584977776666").transcript()).toEqual([]);
    });

    it("answers bad API requests with a 4xx and an error", async () => {
      for (const [method, path, body, status] of [
        ["GET", "/api/v1/handoffs?status=closed", undefined, 400],
        ["POST", "/api/v1/handoffs/9999/answer", { text: "oi" }, 404],
        ["POST", "/api/v1/handoffs/1/answer", { text: "   " }, 400],
        ["POST", "/api/v1/handoffs/abc/answer", { text: "oi" }, 400],
        ["POST", "/api/v1/handoffs/1/answer", {}, 400],
      ] as const) {
        const response = await system.request(method, path, body);
        expect(response.status, `${method} ${path}`).toBe(status);
        expect(typeof response.body.error).toBe("string");
      }
    });

    it("does not let a customer answer or list questions", async () => {
      const customer = newCustomer();
      expect((await customer.say("perguntas"))[0]).toContain("Não entendi");
      expect((await customer.say("responder #1 oi"))[0]).toContain("Não entendi");
    });
  });
});
