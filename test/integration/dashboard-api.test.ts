import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ptBR } from "../../bot/dialogue/messages/pt-br.ts";
import { chatAs } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990900";
const ANA = "5584988400001";
const BIA = "5584988400002";
const CAIO = "5584988400003";

describe("the API behind the dashboard's open batch and customers", () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem("pglite", {
      ADMIN_PHONES: ADMIN,
      BATCH_CLOSE_SCHEDULE: "thu 18:00",
      BATCH_REMINDER_HOURS: "6",
      TZ: "America/Fortaleza",
      DELIVERY_FEES: "Centro=5.00",
      BOT_MESSAGES_PER_MINUTE: "1000",
    });
    expect((await system.request("PUT", "/api/v1/catalog", exampleCatalog())).status).toBe(200);
  });
  afterAll(async () => {
    await system?.close();
  });

  it("lists the lists not confirmed yet, and drops one once the customer says sim", async () => {
    const ana = chatAs(system, ANA, "Ana");
    await ana.say("2kg de tomate e 1 alface");
    const { status, body } = await system.request("GET", "/api/v1/batches/current/unconfirmed");
    expect(status).toBe(200);
    expect(body).toEqual({ lists: [{ phone: ANA, name: "Ana", items: 2 }] });
    await ana.say("sim");
    expect((await system.request("GET", "/api/v1/batches/current/unconfirmed")).body).toEqual({ lists: [] });
  });

  it("leaves out a list that waited longer than a list waits for sim, in the API and in the summary", async () => {
    const bia = chatAs(system, BIA, "Bia");
    await bia.say("1kg de cebola");
    expect((await system.request("GET", "/api/v1/batches/current/unconfirmed")).body.lists).toHaveLength(1);
    // Drafted three hours ago: PENDING_ORDER_TTL_MINUTES (two hours) is past.
    await system.runtime.context.db.execute(
      sql`update conversations set state = jsonb_set(state, '{pending,at}',
        to_jsonb(${new Date(Date.now() - 3 * 3_600_000).toISOString()}::text)) where phone = ${BIA}`,
    );
    expect((await system.request("GET", "/api/v1/batches/current/unconfirmed")).body).toEqual({ lists: [] });
    expect((await chatAs(system, ADMIN).say("resumo"))[0]).toContain(ptBR.unconfirmedLists([]));
    expect(await bia.say("sim")).toEqual([ptBR.pendingExpired(), ptBR.nothingToConfirm()]);
  });

  it("tells when the open batch closes on its own and when customers are reminded, in the time zone", async () => {
    const { status, body } = await system.request("GET", "/api/v1/batches/current/close-schedule");
    expect(status).toBe(200);
    expect(body).toMatchObject({ schedule: "thu 18:00", source: "environment", timeZone: "America/Fortaleza" });
    const next = new Date(body.nextCloseAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * 24 * 3_600_000);
    // Fortaleza is UTC-3 all year: Thursday 18:00 there is Thursday 21:00 UTC.
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([4, 21, 0]);
    expect(new Date(body.reminderAt).getTime()).toBe(next.getTime() - 6 * 3_600_000);
  });

  it("says automatic closing is off once the chat turned it off", async () => {
    await chatAs(system, ADMIN).say("fechamento automático desligado");
    const { body } = await system.request("GET", "/api/v1/batches/current/close-schedule");
    expect(body).toEqual({
      schedule: null,
      source: "chat",
      timeZone: "America/Fortaleza",
      nextCloseAt: null,
      reminderAt: null,
    });
    await chatAs(system, ADMIN).say("fechar lote quinta 18h");
    expect((await system.request("GET", "/api/v1/batches/current/close-schedule")).body).toMatchObject({
      schedule: "thu 18:00",
      source: "chat",
    });
  });

  it("lists the customers by name with their address, who said parar, and what each owes", async () => {
    const bia = chatAs(system, BIA, "Bia");
    await bia.say("1kg de cebola");
    await bia.say("sim");
    await bia.say("entrega");
    await bia.say("Rua das Flores, 12, Centro, perto da padaria");
    await chatAs(system, CAIO, "Caio").say("parar");
    const ana = chatAs(system, ANA, "Ana");
    await ana.say("retirada");
    const admin = chatAs(system, ADMIN);
    await admin.say("fechar lote");
    for (const status of ["on_the_way", "arrived", "delivered"]) {
      const batches = await system.request("GET", "/api/v1/batches");
      const closed = batches.body.batches.find((batch: { status: string }) => batch.status !== "open");
      expect((await system.request("PATCH", `/api/v1/batches/${closed.id}`, { status })).status).toBe(200);
    }
    const { body: orders } = await system.request("GET", `/api/v1/orders?phone=${ANA}`);
    const [anaOrder] = orders.orders;
    expect((await system.request("POST", `/api/v1/orders/${anaOrder.id}/payment`, { status: "paid" })).status).toBe(
      200,
    );

    const { status, body } = await system.request("GET", "/api/v1/customers");
    expect(status).toBe(200);
    expect(body.total).toBe(3);
    expect(body.customers.map((customer: { name: string }) => customer.name)).toEqual(["Ana", "Bia", "Caio"]);
    const [ana_, bia_, caio] = body.customers;
    expect(ana_).toEqual({
      phone: ANA,
      name: "Ana",
      delivery: { kind: "pickup", fee: "0.00" },
      announcementsStoppedAt: null,
      amountDue: "0.00",
      unpaidOrders: 0,
    });
    expect(bia_).toMatchObject({
      phone: BIA,
      delivery: {
        kind: "delivery",
        address: { street: "Rua das Flores", number: "12", neighbourhood: "Centro" },
        fee: "5.00",
      },
      announcementsStoppedAt: null,
      unpaidOrders: 1,
    });
    // 1 kg of onions (R$ 6,00 in the example catalog) and the Centro fee, nothing weighed: the ordered amount.
    const due = await system.request("GET", "/api/v1/payments/due");
    expect(bia_.amountDue).toBe(due.body.total);
    expect(caio).toMatchObject({ phone: CAIO, delivery: null, amountDue: "0.00", unpaidOrders: 0 });
    expect(Date.parse(caio.announcementsStoppedAt)).not.toBeNaN();
  });

  it("pages the customers", async () => {
    const first = await system.request("GET", "/api/v1/customers?limit=2");
    const rest = await system.request("GET", "/api/v1/customers?limit=2&offset=2");
    expect(first.body.customers.map((customer: { phone: string }) => customer.phone)).toEqual([ANA, BIA]);
    expect(rest.body).toMatchObject({ total: 3, customers: [{ phone: CAIO }] });
  });

  it.each([
    ["limit=0"],
    ["limit=501"],
    ["limit=abc"],
    ["limit=1.5"],
    ["offset=-1"],
    ["offset=1000001"],
    ["limit=1&limit=2"],
  ])("refuses ?%s with 400 and an error", async (query) => {
    const { status, body } = await system.request("GET", `/api/v1/customers?${query}`);
    expect(status).toBe(400);
    expect(typeof body.error).toBe("string");
  });

  it.each([["/api/v1/customers"], ["/api/v1/batches/current/unconfirmed"], ["/api/v1/batches/current/close-schedule"]])(
    "refuses %s without a token",
    async (address) => {
      const { status, body } = await system.request("GET", address, undefined, null);
      expect(status).toBe(401);
      expect(typeof body.error).toBe("string");
    },
  );

  it("documents the new routes with their response schemas", async () => {
    const { body } = await system.request("GET", "/api/v1/openapi.json", undefined, null);
    for (const address of [
      "/api/v1/customers",
      "/api/v1/batches/current/unconfirmed",
      "/api/v1/batches/current/close-schedule",
    ]) {
      expect(body.paths[address].get.responses[200].content["application/json"].schema).toBeDefined();
    }
    expect(Object.keys(body.components.schemas)).toEqual(
      expect.arrayContaining(["Customer", "UnconfirmedList", "ScheduledClose"]),
    );
  });
});
