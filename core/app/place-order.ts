import { and, eq, inArray, sql } from "drizzle-orm";
import { orderNumberSequence, shareOpenBatchLock } from "../db/batch-queries.ts";
import type { Tx } from "../db/database.ts";
import { findOrders, type OrderView } from "../db/order-queries.ts";
import { batches, orderItems, orders, products } from "../db/schema.ts";
import { lineTotal } from "../domain/money.ts";
import { checkQuantity, formatMilli, type Milli } from "../domain/quantity.ts";
import type { CoreContext } from "./context.ts";
import { conflict, invalidInput, unprocessable } from "./errors.ts";
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
  /**
   * Change only this order: when it is no longer open to changes (its batch closed meanwhile), fail with
   * `order_closed` instead of starting a new order the customer never confirmed.
   */
  onlyOrderId?: number | undefined;
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
  // Independent statements are sent together (postgres.js pipelines them on the transaction's connection):
  // a confirmation costs a few round trips instead of one per statement.
  const { id: orderId, created } = await retryOnConflict(() =>
    context.db.transaction(async (tx) => {
      const [, customer, catalog] = await Promise.all([
        shareOpenBatchLock(tx, input.businessId),
        upsertCustomer(tx, input),
        loadActiveProducts(tx, input.businessId, input.items),
      ]);
      const openBatch = tx
        .select({ id: batches.id })
        .from(batches)
        .where(and(eq(batches.businessId, input.businessId), eq(batches.status, "open")));
      // Query builders are mutable: each use gets its own.
      const editableOrder = () =>
        tx
          .select({ id: orders.id })
          .from(orders)
          .where(and(eq(orders.batchId, openBatch), eq(orders.customerId, customer.id), eq(orders.status, "received")));
      const [[batch], [existing], lines] = await Promise.all([
        openBatch,
        editableOrder().for("update"),
        tx
          .select({
            productId: orderItems.productId,
            quantityMilli: orderItems.quantityMilli,
            totalCents: orderItems.totalCents,
          })
          .from(orderItems)
          .where(eq(orderItems.orderId, editableOrder())),
      ]);
      if (!batch) throw new Error(`business ${input.businessId} has no open batch`);
      if (input.onlyOrderId !== undefined && existing?.id !== input.onlyOrderId) {
        throw conflict("order_closed", "the order is no longer open to changes: its batch was closed");
      }
      const merged = mergeLines(lines, input.items, catalog);
      if (existing) {
        await writeLines(tx, existing.id, merged, now);
        return { id: existing.id, created: false };
      }
      const [created] = await tx
        .insert(orders)
        .values({
          businessId: input.businessId,
          number: sql`nextval(${orderNumberSequence(input.businessId)})`,
          customerId: customer.id,
          batchId: batch.id,
          status: "received",
          confirmedAt: now,
          updatedAt: now,
        })
        .returning({ id: orders.id });
      if (!created) throw new Error("order insert returned no row");
      await writeLines(tx, created.id, merged, now);
      return { id: created.id, created: true };
    }),
  );
  if (created) context.emit("order_confirmed");
  const [order] = await findOrders(context.db, { businessId: input.businessId, orderIds: [orderId] });
  if (!order) throw new Error(`order ${orderId} vanished after it was placed`);
  return order;
}

interface PricedProduct {
  id: number;
  priceCents: number;
  providerId: number;
}

async function loadActiveProducts(
  tx: Tx,
  businessId: number,
  items: readonly OrderLineInput[],
): Promise<Map<string, PricedProduct>> {
  const skus = [...new Set(items.map((item) => item.sku))];
  const rows = await tx
    .select({ id: products.id, sku: products.sku, priceCents: products.priceCents, providerId: products.providerId })
    .from(products)
    .where(and(eq(products.businessId, businessId), eq(products.active, true), inArray(products.sku, skus)));
  const bySku = new Map(rows.map((row) => [row.sku, row]));
  const missing = skus.filter((sku) => !bySku.has(sku));
  if (missing.length > 0) {
    throw unprocessable("unknown_sku", `unknown or inactive product: ${missing.join(", ")}`, { skus: missing });
  }
  return bySku;
}

interface MergedLines {
  /** The lines the items add or change, to write. */
  touched: {
    productId: number;
    providerId: number;
    quantityMilli: Milli;
    unitPriceCents: number;
    totalCents: number;
  }[];
  /** The order's total over all its lines after the change. */
  totalCents: number;
}

/** Adds the items to the order's current lines (or sets them, with `replace`), at today's prices. */
function mergeLines(
  current: readonly { productId: number; quantityMilli: Milli; totalCents: number }[],
  items: readonly OrderLineInput[],
  catalog: Map<string, PricedProduct>,
): MergedLines {
  const lines = new Map(current.map((line) => [line.productId, line]));
  const touched = new Map<number, MergedLines["touched"][number]>();
  for (const item of items) {
    const product = catalog.get(item.sku);
    if (!product) continue;
    const before = touched.get(product.id)?.quantityMilli ?? lines.get(product.id)?.quantityMilli ?? 0;
    const quantityMilli = item.replace ? item.quantityMilli : before + item.quantityMilli;
    if (checkQuantity(quantityMilli)) {
      throw invalidInput("quantity_too_large", `the order would have ${formatMilli(quantityMilli)} of ${item.sku}`);
    }
    touched.set(product.id, {
      productId: product.id,
      providerId: product.providerId,
      quantityMilli,
      unitPriceCents: product.priceCents,
      totalCents: lineTotal(product.priceCents, quantityMilli),
    });
  }
  for (const line of touched.values()) lines.set(line.productId, line);
  const totalCents = [...lines.values()].reduce((total, line) => total + line.totalCents, 0);
  return { touched: [...touched.values()], totalCents };
}

/** Upserts the touched lines and stores the total, pipelined. The order row is locked or new. */
async function writeLines(tx: Tx, orderId: number, merged: MergedLines, now: Date): Promise<void> {
  await Promise.all([
    tx
      .insert(orderItems)
      .values(merged.touched.map((line) => ({ orderId, ...line })))
      .onConflictDoUpdate({
        target: [orderItems.orderId, orderItems.productId],
        set: {
          providerId: sql`excluded.provider_id`,
          quantityMilli: sql`excluded.quantity_milli`,
          unitPriceCents: sql`excluded.unit_price_cents`,
          totalCents: sql`excluded.total_cents`,
        },
      }),
    tx.update(orders).set({ totalCents: merged.totalCents, updatedAt: now }).where(eq(orders.id, orderId)),
  ]);
}

/** Recomputes the stored total from the lines (after lines were removed). */
export async function refreshOrderTotal(tx: Tx, orderId: number, now: Date): Promise<void> {
  await tx
    .update(orders)
    .set({
      totalCents: sql`(select coalesce(sum(${orderItems.totalCents}), 0) from ${orderItems} where ${orderItems.orderId} = ${orders.id})`,
      updatedAt: now,
    })
    .where(eq(orders.id, orderId));
}
