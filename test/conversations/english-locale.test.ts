import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { openWorkbook } from "../support/open-workbook.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990009";

describe("a deployment with LOCALE=en", () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem("pglite", { ADMIN_PHONES: ADMIN, LOCALE: "en" });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
  });

  it("answers in English by default and still follows a customer who writes Portuguese", async () => {
    expect((await chatAs(system, "5584988100001").say("menu"))[0]).toContain("Send your list");
    expect((await chatAs(system, "5584988100002").say("2kg de tomate"))[0]).toContain("Responda *SIM*");
  });

  it("writes the sheets with English headers", async () => {
    const customer = chatAs(system, "5584988100003", "Mary");
    await customer.say("2kg of tomatoes");
    await customer.say("yes");
    const admin = chatAs(system, ADMIN);
    await admin.say("close batch");
    const lines = await eventually(async () => {
      const found = await admin.transcript();
      return found.some((line) => line.document?.filename === "hortifruti-sertao-1.xlsx") && found;
    });
    const link = lines.find((line) => line.document?.filename === "hortifruti-sertao-1.xlsx")?.document?.url ?? "";
    const workbook = await openWorkbook(await (await fetch(link)).arrayBuffer());
    const sheet = workbook.getWorksheet("Order");
    expect(sheet?.getRow(3).values).toEqual([undefined, "Batch 1"]);
    expect(sheet?.getRow(6).values).toEqual([undefined, "Product", "Unit", "Quantity", "Unit cost", "Total"]);
  });
});
