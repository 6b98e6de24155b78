import { and, eq, inArray, sql } from "drizzle-orm";
import { lockOpenBatchForOrdering } from "../db/batch-queries.ts";
import type { Tx } from "../db/database.ts";
import { findOrders, type OrderView } from "../db/order-queries.ts";
import { businesses, orderItems, orders, products } from "../db/schema.ts";
import { lineTotal } from "../domain/money.ts";
import { checkQuantity, formatMilli, type Milli } from "../domain/quantity.ts";
import type { CoreContext } from "./context.ts";
import { invalidInput, unprocessable } from "./errors.ts";
import { upsertCustomer } from "./register-customer.ts";
import { retryOnConflict } from "./retry-transaction.ts";

export interface OrderLineInput {
  sku: string;
  /** In the product's own unit, thousandths. */
  quantityMilli: Milli;
  /** Set the line to this quantity instead of adding to what the order already has. */
  replace?: boolean | undefined;
}

export interface PlaceOrderInput {
  businessId: number;
  phone: string;
  name?: string | undefined;
  locale?: string | undefined;
  items: readonly OrderLineInput[];
}

/**
 * Confirms items for a customer in the open batch. The customer's order still open to changes in that batch
 * absorbs them (one order per customer per batch); otherwise a new order gets the business's next number.
 * Prices are taken from the catalog now, at confirmation.
 */
export async function placeOrder(context: CoreContext, input: PlaceOrderInput): Promise<OrderView> {
  if (input.items.length === 0) throw invalidInput("no_items", "an order needs at least one item");
  if (input.items.length > 200) throw invalidInput("too_many_items", "an order takes at most 200 items at a time");
  for (const item of input.items) {
    const problem = checkQuantity(item.quantityMilli);
    if (problem?.kind === "not_positive") {
      throw invalidInput("invalid_quantity", `quantity of ${item.sku} must be more than zero`);
    }
    if (problem?.kind === "too_large") {
      throw invalidInput(
        "quantity_too_large",
        `quantity of ${item.sku} must be at most ${formatMilli(problem.maxMilli)}`,
      );
    }
  }
  const now = context.now();
  const orderId = await retryOnConflict(() =>
    context.db.transaction(async (tx) => {
      const customer = await upsertCustomer(tx, input);
      const catalog = await loadActiveProducts(tx, input.businessId, input.items);
      const batch = await lockOpenBatchForOrdering(tx, input.businessId);
      const [existing] = await tx
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.batchId, batch.id), eq(orders.customerId, customer.id), eq(orders.status, "received")))
        .for("update");
      const id = existing?.id ?? (await createOrder(tx, input.businessId, batch.id, customer.id, now));
      await mergeLines(tx, id, input.items, catalog);
      await refreshOrderTotal(tx, id, now);
      return id;
    }),
  );
  const [order] = await findOrders(context.db, { businessId: input.businessId, orderIds: [orderId] });
  if (!order) throw new Error(`order ${orderId} vanished after it was placed`);
  return order;
}

interface PricedProduct {
  id: number;
  priceCents: number;
}

async function loadActiveProducts(
  tx: Tx,
  businessId: number,
  items: readonly OrderLineInput[],
): Promise<Map<string, PricedProduct>> {
  const skus = [...new Set(items.map((item) => item.sku))];
  const rows = await tx
    .select({ id: products.id, sku: products.sku, priceCents: products.priceCents })
    .from(products)
    .where(and(eq(products.businessId, businessId), eq(products.active, true), inArray(products.sku, skus)));
  const bySku = new Map(rows.map((row) => [row.sku, row]));
  const missing = skus.filter((sku) => !bySku.has(sku));
  if (missing.length > 0) {
    throw unprocessable("unknown_sku", `unknown or inactive product: ${missing.join(", ")}`, { skus: missing });
  }
  return bySku;
}

async function createOrder(tx: Tx, businessId: number, batchId: number, customerId: number, now: Date) {
  // Numbers come from a counter row: the lock is taken late in the transaction and held only until commit.
  const [counter] = await tx
    .update(businesses)
    .set({ lastOrderNumber: sql`${businesses.lastOrderNumber} + 1` })
    .where(eq(businesses.id, businessId))
    .returning({ number: businesses.lastOrderNumber });
  if (!counter) throw new Error(`business ${businessId} does not exist`);
  const [order] = await tx
    .insert(orders)
    .values({
      businessId,
      number: counter.number,
      customerId,
      batchId,
      status: "received",
      confirmedAt: now,
      updatedAt: now,
    })
    .returning({ id: orders.id });
  if (!order) throw new Error("order insert returned no row");
  return order.id;
}

async function mergeLines(
  tx: Tx,
  orderId: number,
  items: readonly OrderLineInput[],
  catalog: Map<string, PricedProduct>,
): Promise<void> {
  const current = await tx
    .select({ productId: orderItems.productId, quantityMilli: orderItems.quantityMilli })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId));
  const quantities = new Map(current.map((line) => [line.productId, line.quantityMilli]));
  const touched = new Map<number, { quantityMilli: Milli; sku: string }>();
  for (const item of items) {
    const product = catalog.get(item.sku);
    if (!product) continue;
    const before = touched.get(product.id)?.quantityMilli ?? quantities.get(product.id) ?? 0;
    touched.set(product.id, {
      sku: item.sku,
      quantityMilli: item.replace ? item.quantityMilli : before + item.quantityMilli,
    });
  }
  for (const [productId, line] of touched) {
    if (checkQuantity(line.quantityMilli)) {
      throw invalidInput(
        "quantity_too_large",
        `the order would have ${formatMilli(line.quantityMilli)} of ${line.sku}`,
      );
    }
    const priceCents = catalog.get(line.sku)?.priceCents ?? 0;
    const values = {
      quantityMilli: line.quantityMilli,
      unitPriceCents: priceCents,
      totalCents: lineTotal(priceCents, line.quantityMilli),
    };
    await tx
      .insert(orderItems)
      .values({ orderId, productId, ...values })
      .onConflictDoUpdate({ target: [orderItems.orderId, orderItems.productId], set: values });
  }
}

/** Recomputes the stored total from the lines, so it can never drift from them. */
export async function refreshOrderTotal(tx: Tx, orderId: number, now: Date): Promise<void> {
  await tx
    .update(orders)
    .set({
      totalCents: sql`(select coalesce(sum(${orderItems.totalCents}), 0) from ${orderItems} where ${orderItems.orderId} = ${orders.id})`,
      updatedAt: now,
    })
    .where(eq(orders.id, orderId));
}
