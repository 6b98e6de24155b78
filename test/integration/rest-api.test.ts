import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleCatalog } from "../support/example-catalog.ts";
import { DATABASE_KINDS } from "../support/test-database.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

describe.each(DATABASE_KINDS)("REST API on %s", (kind) => {
  let system: TestSystem;
  const order = (phone: string, items: unknown[]) =>
    system.request("POST", "/api/v1/orders", { phone, name: "Ana", items });

  beforeAll(async () => {
    system = await startTestSystem(kind, {}, ["api"]);
  });
  afterAll(async () => {
    await system?.close();
  });

  it("answers health and readiness without a token", async () => {
    expect(await system.request("GET", "/healthz", undefined, null)).toEqual({ status: 200, body: { status: "ok" } });
    expect(await system.request("GET", "/readyz", undefined, null)).toEqual({ status: 200, body: { status: "ready" } });
  });

  it("serves its OpenAPI document", async () => {
    const { status, body } = await system.request("GET", "/api/v1/openapi.json", undefined, null);
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toContain("/api/v1/orders");
  });

  it.each([
    ["no token", null],
    ["a wrong token", "nope-nope-nope-nope-nope"],
    ["a malformed header", ""],
  ])("refuses %s with 401 and an error", async (_label, token) => {
    const { status, body } = await system.request("GET", "/api/v1/orders", undefined, token);
    expect(status).toBe(401);
    expect(typeof body.error).toBe("string");
  });

  it("replaces the catalog with the example and lists it", async () => {
    const { status, body } = await system.request("PUT", "/api/v1/catalog", exampleCatalog());
    expect(status).toBe(200);
    expect(body).toMatchObject({ providers: 5, products: 40, deactivated: 0 });
    const listed = await system.request("GET", "/api/v1/catalog");
    expect(listed.body.products).toHaveLength(40);
    expect(listed.body.products.find((product: { sku: string }) => product.sku === "tomate").price).toBe("7.50");
  });

  it("rejects a catalog with a bad row whole, with the place and reason", async () => {
    const catalog = exampleCatalog();
    catalog.products[5] = { ...catalog.products[5], price: "2.999" };
    const { status, body } = await system.request("PUT", "/api/v1/catalog", catalog);
    expect(status).toBe(400);
    expect(body.error).toContain("products[5].price");
  });

  it("rejects a price too large to store with 400, not a server error", async () => {
    const catalog = exampleCatalog();
    catalog.products[0] = { ...catalog.products[0], price: "30000000.00" };
    const { status, body } = await system.request("PUT", "/api/v1/catalog", catalog);
    expect(status).toBe(400);
    expect(body.error).toContain("products[0].price");
  });

  it("confirms an order and lists it in PRODUCT.md's shape", async () => {
    const placed = await order("5584999990001", [
      { sku: "tomate", quantity: 2 },
      { sku: "ovos", quantity: "0.5" },
    ]);
    expect(placed.status).toBe(201);
    const { body } = await system.request("GET", "/api/v1/orders?phone=5584999990001");
    expect(body.orders).toHaveLength(1);
    expect(body.orders[0]).toMatchObject({
      id: placed.body.id,
      number: placed.body.number,
      phone: "5584999990001",
      status: "received",
      total: "22.50",
      items: [
        { sku: "tomate", name: "Tomate", quantity: 2, unit: "kg", unitPrice: "7.50", total: "15.00" },
        { sku: "ovos", name: "Ovos Caipira", quantity: 0.5, unit: "dz", unitPrice: "15.00", total: "7.50" },
      ],
    });
    expect(typeof body.orders[0].batchId).toBe("number");
  });

  it.each([
    ["a missing phone", { items: [{ sku: "tomate", quantity: 1 }] }, 400],
    ["a short phone", { phone: "123", items: [{ sku: "tomate", quantity: 1 }] }, 400],
    ["no items", { phone: "5584999990002", items: [] }, 400],
    ["a negative quantity", { phone: "5584999990002", items: [{ sku: "tomate", quantity: -1 }] }, 400],
    ["a quantity with 4 decimals", { phone: "5584999990002", items: [{ sku: "tomate", quantity: 1.2345 }] }, 400],
    ["an absurd quantity", { phone: "5584999990002", items: [{ sku: "tomate", quantity: 5000 }] }, 400],
    ["an unknown sku", { phone: "5584999990002", items: [{ sku: "picanha", quantity: 1 }] }, 422],
    ["a body that is not JSON", "{not json", 400],
  ])("answers %s with %i and writes nothing", async (_label, body, expected) => {
    const response = await system.request("POST", "/api/v1/orders", body);
    expect(response.status).toBe(expected);
    expect(typeof response.body.error).toBe("string");
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts/);
    const listed = await system.request("GET", "/api/v1/orders?phone=5584999990002");
    expect(listed.body.orders).toEqual([]);
  });

  it.each([
    ["an unknown status", "/api/v1/orders?status=lost"],
    ["a bad phone", "/api/v1/orders?phone=12"],
    ["a bad batch id", "/api/v1/orders?batch=abc"],
  ])("refuses to list orders by %s", async (_label, url) => {
    const { status, body } = await system.request("GET", url);
    expect(status).toBe(400);
    expect(body.error).toBeTruthy();
  });

  it("closes the batch, then moves it and one order along", async () => {
    const placed = await order("5584999990003", [{ sku: "alface", quantity: 3 }]);
    const closed = await system.request("POST", "/api/v1/batches/current/close");
    expect(closed.status).toBe(200);
    const batchId = closed.body.batch.id;
    expect(closed.body.batch.status).toBe("closed");
    expect(closed.body.batch.sheets.map((sheet: { kind: string }) => sheet.kind)).toContain("consolidated");

    const again = await system.request("POST", "/api/v1/batches/current/close");
    expect(again.status).toBe(409);

    const listed = await system.request("GET", "/api/v1/batches");
    expect(listed.body.batches[0].status).toBe("open");
    const one = await system.request("GET", `/api/v1/batches/${batchId}`);
    expect(one.body).toMatchObject({ id: batchId, status: "closed", counts: { orders: 2 } });

    expect((await system.request("PATCH", `/api/v1/batches/${batchId}`, { status: "delivered" })).status).toBe(409);
    expect((await system.request("PATCH", `/api/v1/batches/${batchId}`, { status: "lost" })).status).toBe(400);
    const moved = await system.request("PATCH", `/api/v1/batches/${batchId}`, { status: "on_the_way" });
    expect(moved.body.status).toBe("on_the_way");

    const orderMoved = await system.request("PATCH", `/api/v1/orders/${placed.body.id}`, { status: "arrived" });
    expect(orderMoved.status).toBe(200);
    expect(orderMoved.body.status).toBe("arrived");
    const back = await system.request("PATCH", `/api/v1/orders/${placed.body.id}`, { status: "placed" });
    expect(back.status).toBe(409);
  });

  it("answers 404 with an error for what does not exist", async () => {
    expect((await system.request("GET", "/api/v1/batches/999999")).status).toBe(404);
    expect((await system.request("PATCH", "/api/v1/orders/999999", { status: "delivered" })).status).toBe(404);
    const unknown = await system.request("GET", "/nowhere", undefined, null);
    expect(unknown).toEqual({ status: 404, body: { error: "not found" } });
  });

  it("exposes Prometheus metrics with route templates, not raw paths", async () => {
    await system.request("GET", "/api/v1/orders/123456");
    const { status, body } = await system.request("GET", "/metrics", undefined, null);
    expect(status).toBe(200);
    expect(body).toContain("process_resident_memory_bytes");
    expect(body).toContain('route="/api/v1/orders/:id"');
    expect(body).not.toContain("123456");
  });
});
