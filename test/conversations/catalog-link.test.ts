import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const PUBLIC_URL = "https://quitanda.example";

describe("the catalog answer with PUBLIC_URL set", () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem("pglite", { PUBLIC_URL: `${PUBLIC_URL}/`, BOT_MESSAGES_PER_MINUTE: "1000" });
    expect((await system.request("PUT", "/api/v1/catalog", exampleCatalog())).status).toBe(200);
  });
  afterAll(async () => {
    await system?.close();
  });

  it("lists the categories briefly with the link to the price list, in one message", async () => {
    const replies = await chatAs(system, "5584988300001").say("catálogo");
    expect(replies).toHaveLength(1);
    const [answer = ""] = replies;
    expect(answer).toContain(`${PUBLIC_URL}/catalogo`);
    for (const category of ["• Frutas (11)", "• Legumes (10)", "• Verduras (4)", "• Raízes (1)"]) {
      expect(answer).toContain(category);
    }
    // Briefly: the prices are on the page, and on a category's name.
    expect(answer).not.toContain("R$");
    expect(answer).toContain("mande o nome dela");
  });

  it("gives the English link to a customer who writes English", async () => {
    const [answer = ""] = await chatAs(system, "5584988300002").say("show me the catalog");
    expect(answer).toContain(`${PUBLIC_URL}/catalog`);
    expect(answer).not.toContain(`${PUBLIC_URL}/catalogo`);
    expect(answer).toContain("• Legumes (10)");
    expect(answer).toContain("send its name");
  });

  it("shows one category's prices in chat when the customer names it after the link", async () => {
    const customer = chatAs(system, "5584988300003");
    await customer.say("preços");
    const text = (await customer.say("Legumes")).join("\n");
    expect(text).toContain("Tomate: R$ 7,50/kg");
    expect(text).not.toContain("Banana");
  });

  it("counts only what is available, as the price list shows it", async () => {
    const catalog = exampleCatalog();
    const products = catalog.products.map((product) =>
      product.category === "Raízes" ? { ...product, available: false } : product,
    );
    expect((await system.request("PUT", "/api/v1/catalog", { ...catalog, products })).status).toBe(200);
    const [answer = ""] = await chatAs(system, "5584988300004").say("catálogo");
    expect(answer).not.toContain("Raízes");
    expect(answer).toContain("• Frutas (11)");
    const page = await fetch(`${system.url}/catalogo`);
    expect(await page.text()).not.toContain("Raízes");
    expect((await system.request("PUT", "/api/v1/catalog", catalog)).status).toBe(200);
  });
});

describe("the catalog answer without PUBLIC_URL", () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem("pglite");
    expect((await system.request("PUT", "/api/v1/catalog", exampleCatalog())).status).toBe(200);
  });
  afterAll(async () => {
    await system?.close();
  });

  it("tells the catalog in chat with prices, within 5 messages, and links to no localhost page", async () => {
    const replies = await chatAs(system, "5584988300101").say("catálogo");
    expect(replies.length).toBeGreaterThanOrEqual(1);
    expect(replies.length).toBeLessThanOrEqual(5);
    const text = replies.join("\n");
    expect(text).toContain("*Legumes*");
    expect(text).toContain("Tomate: R$ 7,50/kg");
    expect(text).not.toContain("localhost");
  });
});
