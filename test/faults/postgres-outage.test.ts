import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { type InterruptibleService, startPostgres } from "../support/postgres-server.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

describe("drill: PostgreSQL stops while customers chat, then comes back", () => {
  let postgres: InterruptibleService;
  let system: TestSystem;

  beforeAll(async () => {
    postgres = await startPostgres({ durable: true });
    system = await startTestSystem("postgres", { DATABASE_URL: postgres.url });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
    await postgres?.stop();
  });

  it("asks customers to try again during the outage, never exits, and loses no confirmed order", async () => {
    const before = chatAs(system, "5584977000001", "Antes");
    await before.say("2kg de tomate");
    const [confirmed] = await before.say("sim");
    expect(confirmed).toContain("confirmado");

    await postgres.halt();
    const during = chatAs(system, "5584977000002", "Durante");
    expect(await during.say("1kg de cebola")).toEqual([
      "Estamos com uma instabilidade. Tente de novo em instantes, por favor.",
    ]);
    expect((await system.request("GET", "/readyz", undefined, null)).status).toBe(503);
    expect((await system.request("GET", "/healthz", undefined, null)).status).toBe(200);

    await postgres.resume();
    await eventually(async () => (await system.request("GET", "/readyz", undefined, null)).status === 200);
    // The message that was refused is sent again, as a person would after "tente de novo".
    const summary = await eventually(async () => {
      const replies = await during.say("1kg de cebola");
      return replies[0]?.includes("Cebola") && replies;
    });
    expect(summary[0]).toContain("Responda *SIM*");
    expect((await during.say("sim"))[0]).toContain("confirmado");

    const orders = (await system.request("GET", "/api/v1/orders")).body.orders;
    expect(orders.map((order: { phone: string }) => order.phone).sort()).toEqual(["5584977000001", "5584977000002"]);
    expect(orders.find((order: { phone: string }) => order.phone === "5584977000001").total).toBe("15.00");
  });
});
