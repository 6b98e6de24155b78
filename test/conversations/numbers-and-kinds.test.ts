import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { DATABASE_KINDS } from "../support/test-database.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

describe.each(DATABASE_KINDS)("amounts and kinds a customer writes, on %s", (kind) => {
  let system: TestSystem;
  let phoneCounter = 0;
  const newCustomer = () => chatAs(system, `55849881${String(++phoneCounter).padStart(5, "0")}`);

  beforeAll(async () => {
    system = await startTestSystem(kind);
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
  });

  it.each(["1.000,50 kg de cebola", "um milhão de kg de tomate", "1e9 dz de ovos brancos", "Infinity kg de tomate"])(
    "refuses %j as too much, in words, and takes nothing",
    async (text) => {
      const reply = (await newCustomer().say(text)).join("\n");
      expect(reply).toContain("grande demais");
      expect(reply).not.toContain("Seu pedido");
    },
  );

  it("asks how much when 'NaN' stands where the amount goes", async () => {
    const reply = (await newCustomer().say("NaN kg de tomate")).join("\n");
    expect(reply).toMatch(/Quanto de Tomate/);
  });

  it("reads thousands written the Brazilian way", async () => {
    const reply = (await newCustomer().say("2.500 g de cebola")).join("\n");
    expect(reply).toContain("2,5 kg de Cebola");
    expect(reply).not.toContain("grande demais");
  });

  it("answers an unknown word named like an object's property as any unknown word", async () => {
    const reply = (await newCustomer().say("2 constructor")).join("\n");
    expect(reply).toContain('"constructor"');
    expect(reply).not.toMatch(/instabilidade/i);
  });

  it("names a kind the catalog lacks and suggests the kind it sells", async () => {
    const reply = (await newCustomer().say("1kg de maçã verde")).join("\n");
    expect(reply).toMatch(/"maçã verde".*quis dizer Maçã Gala/s);
    expect(reply).not.toContain("Seu pedido");
  });

  it("reads an order wrapped in words about the week without naming them as products", async () => {
    const reply = (await newCustomer().say("queria fazer um pedido pra essa semana: 2kg de tomate")).join("\n");
    expect(reply).toContain("2 kg de Tomate");
    expect(reply).not.toContain("semana");
  });
});
