import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeProductPrice } from "../../core/app/change-product-price.ts";
import { getOpenBatch } from "../../core/app/get-batch.ts";
import { placeOrder } from "../../core/app/place-order.ts";
import { replaceCatalog } from "../../core/app/replace-catalog.ts";
import { selectRows } from "../../core/db/database.ts";
import { formatCents, lineTotal } from "../../core/domain/money.ts";
import { MAX_BATCH_SUM_CENTS, MAX_ORDER_LINES, MAX_PRICE_CENTS } from "../../core/domain/money-bounds.ts";
import { MAX_QUANTITY_MILLI } from "../../core/domain/quantity.ts";
import { rejection } from "../support/rejection.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/test-database.ts";

const skuOf = (index: number) => `caixa-${String(index).padStart(3, "0")}`;
// One cent under the bound: every line's total ends in an odd cent, so a sum that lost one would show it.
const PRICE = formatCents(MAX_PRICE_CENTS - 1);

describe.each(DATABASE_KINDS)("money sums at the bounds on %s", (kind) => {
  let test: TestDatabase;
  let phoneCounter = 0;
  const nextPhone = () => `55849${String(++phoneCounter).padStart(8, "0")}`;
  let fullOrderPhone = "";
  const order = (phone: string, skus: string[], quantityMilli = MAX_QUANTITY_MILLI - 1) =>
    placeOrder(test.context, {
      businessId: test.businessId,
      phone,
      items: skus.map((sku) => ({ sku, quantityMilli, replace: true })),
    });

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    await replaceCatalog(test.context, test.businessId, {
      providers: [{ key: "atacado", name: "Atacado" }],
      products: Array.from({ length: MAX_ORDER_LINES + 1 }, (_, index) => ({
        sku: skuOf(index),
        name: `Caixa ${index}`,
        unit: "cx",
        price: PRICE,
        cost: PRICE,
        provider: "atacado",
      })),
    });
  }, 120_000);
  afterAll(async () => {
    await test?.close();
  });

  it("takes an order of as many products as an order holds, at the dearest price and largest quantity, exactly", async () => {
    const skus = Array.from({ length: MAX_ORDER_LINES }, (_, index) => skuOf(index));
    fullOrderPhone = nextPhone();
    const placed = await order(fullOrderPhone, skus);
    const line = lineTotal(MAX_PRICE_CENTS - 1, MAX_QUANTITY_MILLI - 1);
    expect(placed.totalCents).toBe(MAX_ORDER_LINES * line);
    const batch = await getOpenBatch(test.context, test.businessId);
    expect(batch.totalCents).toBe(MAX_ORDER_LINES * line);
    expect(batch.providers[0]?.totalCents).toBe(MAX_ORDER_LINES * line);
  });

  it("refuses a product more in a full order, changing nothing", async () => {
    const phone = nextPhone();
    const skus = Array.from({ length: MAX_ORDER_LINES }, (_, index) => skuOf(index + 1));
    const placed = await order(phone, skus);
    const error = await rejection(order(phone, [skuOf(0)]));
    expect(error).toMatchObject({ code: "conflict", reason: "too_many_lines" });
    // A product the order has already still changes.
    const changed = await order(phone, [skuOf(1)], 1000);
    expect(changed.items).toHaveLength(MAX_ORDER_LINES);
    expect(changed.items.map((item) => item.sku)).not.toContain(skuOf(0));
    expect(changed.number).toBe(placed.number);
  });

  it("refuses a first order once the batch holds as many as it takes, and still changes the orders it has", async () => {
    const [{ count = "0" } = {}] = await selectRows<{ count: string }>(
      test.context.db,
      sql`select count(*) as count from orders where business_id = ${test.businessId}`,
    );
    // The limit is a parameter of the statement: the batch's own count stands for MAX_BATCH_ORDERS here.
    const place = (phone: string, sku: string, maxBatchOrders = Number(count)) =>
      selectRows<{ refusal: string | null }>(
        test.context.db,
        sql`select refusal from sisconf_place_order(${test.businessId}, ${phone}, null, null,
          ${JSON.stringify([{ sku, quantityMilli: 1000, replace: true }])}::jsonb, null, now(), ${MAX_QUANTITY_MILLI},
          ${MAX_ORDER_LINES}, ${maxBatchOrders})`,
      );
    expect((await place(nextPhone(), skuOf(200)))[0]?.refusal).toBe("batch_full");
    expect((await place(fullOrderPhone, skuOf(0)))[0]?.refusal).toBeNull();
    // One order short of the bound, the first order of another customer is taken.
    expect((await place(nextPhone(), skuOf(200), Number(count) + 1))[0]?.refusal).toBeNull();
  });

  it("reads a batch's sums exactly up to the largest the bounds allow", async () => {
    // Four million lines would reach it through the use cases; the totals are set in place to read them back.
    const batch = await getOpenBatch(test.context, test.businessId);
    const [first, ...others] = await selectRows<{ id: number }>(
      test.context.db,
      sql`select id from orders where batch_id = ${batch.id} order by id`,
    );
    const share = Math.floor(MAX_BATCH_SUM_CENTS / (others.length + 1));
    const firstTotal = MAX_BATCH_SUM_CENTS - share * others.length - 1;
    await test.context.db.execute(sql`update orders set total_cents = ${share} where batch_id = ${batch.id}`);
    await test.context.db.execute(sql`update orders set total_cents = ${firstTotal} where id = ${first?.id ?? 0}`);
    const read = await getOpenBatch(test.context, test.businessId);
    expect(read.totalCents).toBe(MAX_BATCH_SUM_CENTS - 1);
    expect(BigInt(read.totalCents)).toBe(BigInt(share) * BigInt(others.length) + BigInt(firstTotal));
  });

  it("refuses a price over the most one unit may cost, and takes the most", async () => {
    const over = await rejection(changeProductPrice(test.context, test.businessId, skuOf(0), "10000,01"));
    expect(over).toMatchObject({ code: "invalid_input", reason: "price_too_high" });
    const most = await changeProductPrice(test.context, test.businessId, skuOf(0), formatCents(MAX_PRICE_CENTS));
    expect(most.toCents).toBe(MAX_PRICE_CENTS);
  });
});
