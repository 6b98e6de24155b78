import { parsePix } from "pix-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDeliveryChoice } from "../../core/app/get-delivery-choice.ts";
import { setDeliveryChoice } from "../../core/app/set-delivery-choice.ts";
import { parseDeliveryFees } from "../../core/domain/delivery-fees.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { readBrCode } from "../support/read-br-code.ts";
import { DATABASE_KINDS } from "../support/test-database.ts";
import { type JsonBody, startTestSystem, type TestSystem } from "../support/test-system.ts";

const FEES = "Centro=5.00;Lagoa Nova=7.50;*=10.00";
const PIX = { PIX_KEY: "loja@example.com", PIX_MERCHANT_NAME: "Feira da Ana", PIX_MERCHANT_CITY: "Natal" };
const ANA = "5584999990101";
const BRUNO = "5584999990102";
const CARLA = "5584999990103";

/** An order's lines by sku: the order of lines is not what these tests are about. */
function lines(order: JsonBody): Record<string, { quantity: number; deliveredQuantity: number | null }> {
  return Object.fromEntries(
    order.items.map((item: JsonBody) => [
      item.sku,
      { quantity: item.quantity, deliveredQuantity: item.deliveredQuantity },
    ]),
  );
}

describe.each(DATABASE_KINDS)("delivery, delivered quantities and payments through the API on %s", (kind) => {
  let system: TestSystem;
  const fees = (() => {
    const read = parseDeliveryFees(FEES);
    if (!read.ok) throw new Error(read.problem);
    return read.fees;
  })();
  const orderOf = async (phone: string): Promise<JsonBody> => {
    const { body } = await system.request("GET", `/api/v1/orders?phone=${phone}`);
    return body.orders.at(-1);
  };
  const choose = (phone: string, choice: Parameters<typeof setDeliveryChoice>[1]["choice"]) =>
    setDeliveryChoice(system.runtime.context, { businessId: system.runtime.businessId, phone, choice, fees });
  const deliver = (id: number, items: unknown[]) => system.request("PUT", `/api/v1/orders/${id}/delivered`, { items });

  beforeAll(async () => {
    system = await startTestSystem(kind, { DELIVERY_FEES: FEES, ...PIX }, ["api"]);
    expect((await system.request("PUT", "/api/v1/catalog", exampleCatalog())).status).toBe(200);
  });
  afterAll(async () => {
    await system?.close();
  });

  it("gives a new order the delivery its customer chose, with the neighbourhood's fee", async () => {
    const chosen = await choose(ANA, {
      kind: "delivery",
      address: { street: "Rua das Flores", number: "12", neighbourhood: "lagoa nova", reference: "portão azul" },
    });
    expect(chosen).toMatchObject({ kind: "set", feeCents: 750, orderNumbers: [] });
    expect(await getDeliveryChoice(system.runtime.context, system.runtime.businessId, ANA)).toEqual({
      choice: {
        kind: "delivery",
        address: { street: "Rua das Flores", number: "12", neighbourhood: "lagoa nova", reference: "portão azul" },
      },
      feeCents: 750,
    });
    const placed = await system.request("POST", "/api/v1/orders", {
      phone: ANA,
      items: [
        { sku: "tomate", quantity: 2 },
        { sku: "alface", quantity: 3 },
      ],
    });
    expect(placed.status).toBe(201);
    expect(await orderOf(ANA)).toMatchObject({
      total: "24.00",
      delivery: {
        kind: "delivery",
        address: { street: "Rua das Flores", number: "12", neighbourhood: "lagoa nova", reference: "portão azul" },
        fee: "7.50",
      },
      finalTotal: null,
      payment: { status: "pending" },
    });
    expect(lines(await orderOf(ANA))).toEqual({
      tomate: { quantity: 2, deliveredQuantity: null },
      alface: { quantity: 3, deliveredQuantity: null },
    });
    expect((await orderOf(ANA)).payment.pix).toBeUndefined();
  });

  it("moves a customer's open order to its new choice, and back to pickup without a fee", async () => {
    await system.request("POST", "/api/v1/orders", { phone: BRUNO, items: [{ sku: "alface", quantity: 1 }] });
    expect((await orderOf(BRUNO)).delivery).toEqual({ kind: "pickup", fee: "0.00" });
    const number = (await orderOf(BRUNO)).number;
    const chosen = await choose(BRUNO, {
      kind: "delivery",
      address: { street: "Av. Rio Branco", number: "100", neighbourhood: "CENTRO" },
    });
    expect(chosen).toMatchObject({ kind: "set", feeCents: 500, orderNumbers: [number] });
    expect((await orderOf(BRUNO)).delivery.fee).toBe("5.00");
    await choose(BRUNO, { kind: "pickup" });
    expect((await orderOf(BRUNO)).delivery).toEqual({ kind: "pickup", fee: "0.00" });
    expect(await getDeliveryChoice(system.runtime.context, system.runtime.businessId, BRUNO)).toEqual({
      choice: { kind: "pickup" },
      feeCents: 0,
    });
  });

  it("answers an address without its number, keeping nothing", async () => {
    const answered = await choose(CARLA, {
      kind: "delivery",
      address: { street: "Rua B", number: " ", neighbourhood: "Tirol" },
    });
    expect(answered).toEqual({ kind: "invalid_address", problem: { kind: "missing", field: "number" } });
    expect(await getDeliveryChoice(system.runtime.context, system.runtime.businessId, CARLA)).toEqual({
      choice: null,
      feeCents: 0,
    });
  });

  it("refuses delivered quantities while the order is still open to changes", async () => {
    const order = await orderOf(ANA);
    const response = await deliver(order.id, [{ sku: "tomate", quantity: 2.15 }]);
    expect(response.status).toBe(409);
    expect(response.body.error).toMatch(/still open/);
  });

  it("records a weighed quantity after the close: the final total and a Pix code for exactly it", async () => {
    expect((await system.request("POST", "/api/v1/batches/current/close")).status).toBe(200);
    const order = await orderOf(ANA);
    const response = await deliver(order.id, [{ sku: "tomate", quantity: "2.150" }]);
    expect(response.status).toBe(200);
    // 2.150 kg × 7.50 = 16.125 → 16.13; alface as ordered 9.00; fee 7.50.
    expect(response.body).toMatchObject({
      total: "24.00",
      finalTotal: "32.63",
      payment: { status: "pending" },
    });
    expect(lines(response.body)).toEqual({
      tomate: { quantity: 2, deliveredQuantity: 2.15 },
      alface: { quantity: 3, deliveredQuantity: null },
    });
    const listed = await orderOf(ANA);
    expect(listed.finalTotal).toBe("32.63");
    const code: string = listed.payment.pix;
    const read = readBrCode(code);
    expect(read.crcValid).toBe(true);
    expect(read.fields.get("54")).toBe("32.63");
    expect(read.templates.get("26")?.get("01")).toBe("loja@example.com");
    expect(read.templates.get("62")?.get("05")).toBe(`L${listed.batchNumber}P${listed.number}`);
    expect(parsePix(code)).toMatchObject({ pixKey: "loja@example.com", transactionAmount: 32.63 });
  });

  it.each([
    ["a product not in the order, named", [{ sku: "picanha", quantity: 1 }], 422, /picanha/],
    [
      "a good line with a product not in the order",
      [
        { sku: "alface", quantity: 2 },
        { sku: "cebola", quantity: 1 },
      ],
      422,
      /cebola/,
    ],
    ["a slipped decimal point", [{ sku: "tomate", quantity: 21.5 }], 422, /at most 4 of tomate/],
    ["half a lettuce", [{ sku: "alface", quantity: 0.5 }], 422, /whole numbers/],
    ["a negative quantity", [{ sku: "tomate", quantity: -1 }], 400, /items\[0\]\.quantity/],
    ["four decimals", [{ sku: "tomate", quantity: 2.1505 }], 400, /items\[0\]\.quantity/],
    [
      "the same product twice",
      [
        { sku: "tomate", quantity: 2 },
        { sku: "tomate", quantity: 3 },
      ],
      422,
      /twice/,
    ],
  ])("refuses %s and changes nothing", async (_label, items, status, message) => {
    const before = await orderOf(ANA);
    const response = await deliver(before.id, items);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatch(message);
    expect(await orderOf(ANA)).toEqual(before);
  });

  it("answers 404 for an order that does not exist", async () => {
    expect((await deliver(999_999, [{ sku: "tomate", quantity: 1 }])).status).toBe(404);
  });

  it("gives no Pix code for a final total of zero", async () => {
    const order = await orderOf(BRUNO);
    const response = await deliver(order.id, [{ sku: "alface", quantity: 0 }]);
    expect(response.status).toBe(200);
    expect(response.body.finalTotal).toBe("0.00");
    expect(response.body.items[0].deliveredQuantity).toBe(0);
    expect(response.body.payment).toEqual({ status: "pending" });
  });

  it("lists a delivered order not paid as owed, records its payment once, and then owes nothing", async () => {
    const order = await orderOf(ANA);
    for (const status of ["on_the_way", "arrived", "delivered"]) {
      expect((await system.request("PATCH", `/api/v1/batches/${order.batchId}`, { status })).status).toBe(200);
    }
    const due = await system.request("GET", "/api/v1/payments/due");
    expect(due.body.orders).toEqual([
      expect.objectContaining({ number: order.number, phone: ANA, amountDue: "32.63", daysSinceDelivery: 0 }),
      expect.objectContaining({ phone: BRUNO, amountDue: "0.00" }),
    ]);
    expect(due.body.total).toBe("32.63");
    const metrics = await system.request("GET", "/metrics", undefined, null);
    expect(metrics.body).toMatch(/sisconf_payment_amount_cents\{payment="due"[^}]*\} 3263/);

    expect((await system.request("POST", `/api/v1/orders/${order.id}/payment`, { status: "pending" })).status).toBe(
      400,
    );
    const paid = await system.request("POST", `/api/v1/orders/${order.id}/payment`, { status: "paid" });
    expect(paid.status).toBe(200);
    expect(paid.body.payment).toEqual({ status: "paid", paidAt: expect.any(String) });
    const again = await system.request("POST", `/api/v1/orders/${order.id}/payment`, { status: "paid" });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already paid/);
    expect((await orderOf(ANA)).payment).toEqual(paid.body.payment);

    const after = await system.request("GET", "/api/v1/payments/due");
    expect(after.body.orders.map((owed: JsonBody) => owed.phone)).toEqual([BRUNO]);
    const paidMetrics = await system.request("GET", "/metrics", undefined, null);
    expect(paidMetrics.body).toMatch(/sisconf_payment_amount_cents\{payment="paid"[^}]*\} 3263/);
    expect(paidMetrics.body).toMatch(/sisconf_payments_recorded_total\{[^}]*\} 1/);
  });

  it("refuses delivered quantities for an order already paid", async () => {
    const order = await orderOf(ANA);
    const response = await deliver(order.id, [{ sku: "tomate", quantity: 2 }]);
    expect(response.status).toBe(409);
    expect(response.body.error).toMatch(/already paid/);
  });

  it("refuses a payment for an order still open to changes", async () => {
    const placed = await system.request("POST", "/api/v1/orders", {
      phone: CARLA,
      items: [{ sku: "ovos", quantity: 1 }],
    });
    const response = await system.request("POST", `/api/v1/orders/${placed.body.id}/payment`, { status: "paid" });
    expect(response.status).toBe(409);
    expect((await orderOf(CARLA)).payment).toEqual({ status: "pending" });
  });
});
