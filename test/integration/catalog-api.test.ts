import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleCatalog } from "../support/example-catalog.ts";
import { DATABASE_KINDS } from "../support/test-database.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

type Listed = { sku: string; price: string; cost: string | null; available: boolean; aliases: string[] };

describe.each(DATABASE_KINDS)("catalog API on %s", (kind) => {
  let system: TestSystem;
  const catalog = async () => (await system.request("GET", "/api/v1/catalog")).body.products as Listed[];
  const product = async (sku: string) => (await catalog()).find((listed) => listed.sku === sku);
  const example = (sku: string) => {
    const found = exampleCatalog().products.find((listed) => listed.sku === sku);
    if (!found) throw new Error(`no ${sku} in the example catalog`);
    return found;
  };

  beforeAll(async () => {
    system = await startTestSystem(kind, {}, ["api"]);
  });
  afterAll(async () => {
    await system?.close();
  });

  it("answers a replace with what it changed: the whole example is new", async () => {
    const { status, body } = await system.request("PUT", "/api/v1/catalog", exampleCatalog());
    expect(status).toBe(200);
    expect(body).toMatchObject({ providers: 5, products: 40, deactivated: 0 });
    expect(body.changes.added).toHaveLength(40);
    expect(body.changes.added[0]).toEqual({ sku: "tomate", name: "Tomate", price: "7.50", available: true });
    expect(body.changes).toMatchObject({ priceChanges: [], missing: [], unchanged: 0 });
  });

  it("merges with PATCH: adds and updates the products given, touches no other, and says what changed", async () => {
    const { status, body } = await system.request("PATCH", "/api/v1/catalog", {
      providers: [{ key: "frutas-do-vale" }],
      products: [
        { ...example("tomate"), price: "8.50" },
        { ...example("morango"), available: false },
        { ...example("alface"), cost: null, name: "Alface Americana" },
        { sku: "pitaya", name: "Pitaya", unit: "kg", price: "19,90", provider: "frutas-do-vale" },
        example("cebola"),
      ],
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ providers: 1, products: 5, deactivated: 0 });
    expect(body.changes).toEqual({
      added: [{ sku: "pitaya", name: "Pitaya", price: "19.90", available: true }],
      priceChanges: [{ sku: "tomate", name: "Tomate", from: "7.50", to: "8.50" }],
      costChanges: [{ sku: "alface", name: "Alface Americana", from: "2.10", to: null }],
      availabilityChanges: [{ sku: "morango", name: "Morango", available: false }],
      otherChanges: [{ sku: "alface", name: "Alface Americana", fields: ["name"] }],
      missing: expect.any(Array),
      unchanged: 1,
    });
    expect(body.changes.missing).toHaveLength(36);
    expect(await catalog()).toHaveLength(41);
    expect(await product("pitaya")).toMatchObject({ price: "19.90", cost: null, available: true, aliases: [] });
  });

  it("keeps what a PATCH leaves out: cost, availability and aliases", async () => {
    const { body } = await system.request("PATCH", "/api/v1/catalog", {
      providers: [],
      products: [{ sku: "morango", name: "Morango", unit: "bandeja", price: "13.00", provider: "frutas-do-vale" }],
    });
    expect(body.changes.priceChanges).toEqual([{ sku: "morango", name: "Morango", from: "12.00", to: "13.00" }]);
    expect(body.changes.availabilityChanges).toEqual([]);
    expect(await product("morango")).toMatchObject({
      price: "13.00",
      cost: "8.40",
      available: false,
      aliases: ["morangos"],
    });
  });

  it("says nothing changed when the same products come again", async () => {
    const given = { providers: [], products: [example("cebola"), example("batata")] };
    const { body } = await system.request("PATCH", "/api/v1/catalog", given);
    expect(body.changes).toEqual({
      added: [],
      priceChanges: [],
      costChanges: [],
      availabilityChanges: [],
      otherChanges: [],
      missing: expect.any(Array),
      unchanged: 2,
    });
  });

  it.each([
    [
      "a product naming a provider nobody knows",
      { sku: "caju", name: "Caju", unit: "kg", price: "9.00", provider: "ninguem" },
      'products[1].provider: unknown provider "ninguem"',
    ],
    [
      "a price written with a letter O",
      { sku: "caju", name: "Caju", unit: "kg", price: "8,5O", provider: "frutas-do-vale" },
      'products[1].price: "8,5O" is not a price',
    ],
    [
      "an availability that is neither yes nor no",
      { sku: "caju", name: "Caju", unit: "kg", price: "9", provider: "frutas-do-vale", available: "talvez" },
      "products[1].available",
    ],
  ])("refuses a PATCH with %s whole, with the place and reason, changing nothing", async (_label, bad, message) => {
    const before = await catalog();
    const { status, body } = await system.request("PATCH", "/api/v1/catalog", {
      providers: [],
      products: [{ ...example("tomate"), price: "99.00" }, bad],
    });
    expect(status).toBe(400);
    expect(body.error).toContain(message);
    expect(await catalog()).toEqual(before);
  });

  it("refuses in a replace a product naming a provider the body lacks, since the replace deactivates it", async () => {
    const { status, body } = await system.request("PUT", "/api/v1/catalog", {
      providers: [],
      products: [example("tomate")],
    });
    expect(status).toBe(400);
    expect(body.error).toContain('products[0].provider: unknown provider "hortifruti-sertao"');
  });

  it("answers a replace with the products it deactivated, and a later PATCH lists one of them again", async () => {
    const { body } = await system.request("PUT", "/api/v1/catalog", exampleCatalog());
    expect(body.deactivated).toBe(1);
    expect(body.changes.missing).toEqual([{ sku: "pitaya", name: "Pitaya" }]);
    expect(await product("pitaya")).toBeUndefined();
    const listedAgain = await system.request("PATCH", "/api/v1/catalog", {
      providers: [],
      products: [{ sku: "pitaya", name: "Pitaya", unit: "kg", price: "21.00", provider: "frutas-do-vale" }],
    });
    expect(listedAgain.body.changes.added).toEqual([
      { sku: "pitaya", name: "Pitaya", price: "21.00", available: true },
    ]);
    expect(await product("pitaya")).toMatchObject({ price: "21.00" });
  });

  it("lets only the entrepreneur PATCH the catalog, and documents the route", async () => {
    const { status } = await system.request("PATCH", "/api/v1/catalog", { providers: [], products: [] }, null);
    expect(status).toBe(401);
    const { body } = await system.request("GET", "/api/v1/openapi.json", undefined, null);
    expect(body.paths["/api/v1/catalog"].patch.requestBody).toBeDefined();
  });
});
