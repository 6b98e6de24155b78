import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

describe("the price list, the dashboard's files and the transcript route, in English", () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem("pglite", { LOCALE: "en", BUSINESS_NAME: "Green <Grocer> & Co" });
    expect((await system.request("PUT", "/api/v1/catalog", exampleCatalog())).status).toBe(200);
  });

  afterAll(async () => {
    await system?.close();
  });

  it("lists the available products by category with prices and units, escaped, without costs or a script", async () => {
    const patched = await system.request("PATCH", "/api/v1/catalog", {
      providers: [{ key: "hortifruti-sertao" }],
      products: [
        { sku: "cebola", name: "Cebola", unit: "kg", price: "5.90", provider: "hortifruti-sertao", available: false },
      ],
    });
    expect(patched.status).toBe(200);
    for (const address of ["/catalog", "/catalogo"]) {
      const response = await fetch(`${system.url}${address}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(response.headers.get("set-cookie")).toBeNull();
      const html = await response.text();
      expect(html).toContain('<html lang="en">');
      expect(html).toContain("<h1>Green &lt;Grocer&gt; &amp; Co</h1>");
      expect(html).toContain("<h2>Legumes</h2>");
      expect(html).toContain('<span>Tomate</span><span class="price">R$ 7,50<small>/kg</small>');
      expect(html).toContain("R$ 9,00<small>/dozen</small>");
      expect(html).not.toContain("Cebola<");
      expect(html).not.toContain("5,25");
      expect(html).not.toContain("<script");
    }
  });

  it("serves the dashboard's files with a strict policy and no cookie, and its settings in English", async () => {
    const bare = await fetch(`${system.url}/painel`, { redirect: "manual" });
    expect([bare.status, bare.headers.get("location")]).toEqual([301, "/painel/"]);
    const page = await fetch(`${system.url}/painel/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("set-cookie")).toBeNull();
    expect(await page.text()).toContain('<script type="module" src="main.js"></script>');
    const script = await fetch(`${system.url}/painel/main.js`);
    expect(script.headers.get("content-type")).toContain("javascript");
    const settings = await system.request("GET", "/painel/settings.json", undefined, null);
    expect(settings.body).toEqual({ locale: "en", businessName: "Green <Grocer> & Co", keycloak: null });
  });

  it("gives the entrepreneur a customer's conversation, read-only, and refuses a bad phone or no token", async () => {
    const customer = chatAs(system, "5584999990201", "Ana");
    await customer.say("2kg de tomate");
    const transcript = await system.request("GET", "/api/v1/customers/+55%2084%2099999-0201/transcript");
    expect(transcript.status).toBe(200);
    expect(transcript.body.messages[0]).toMatchObject({ direction: "in", text: "2kg de tomate" });
    expect(transcript.body.messages[1]).toMatchObject({ direction: "out" });

    const badPhone = await system.request("GET", "/api/v1/customers/12ab/transcript");
    expect(badPhone).toEqual({
      status: 400,
      body: { error: "phone: a phone of 10 to 15 digits", reason: "invalid_input" },
    });
    const anonymous = await system.request("GET", "/api/v1/customers/5584999990201/transcript", undefined, null);
    expect(anonymous.status).toBe(401);
  });
});
