import { and, asc, eq, inArray, ne, sql, sum } from "drizzle-orm";
import { batches, customers, orderItems, orders, products, providers, sheets } from "../db/schema.ts";
import { type DeliveryAddress, formatAddress } from "../domain/delivery.ts";
import { lineTotal } from "../domain/money.ts";
import type { Unit } from "../domain/units.ts";
import type { CoreContext } from "./context.ts";
import { notFound } from "./errors.ts";

export interface SheetHeader {
  id: number;
  businessId: number;
  batchId: number;
  batchNumber: number;
  /** When the batch closed; sheets are only made for closed batches, so it is there but for a race with nothing. */
  closedAt: Date;
  generation: number;
  storageKey: string;
  providerKey: string | null;
  providerName: string | null;
}

/** A product of a provider's sheet, summed over the batch, at the catalog's cost (null when it gives none). */
export interface ProviderContentLine {
  productName: string;
  unit: Unit;
  quantityMilli: number;
  unitCostCents: number | null;
  totalCostCents: number | null;
}

/** A product of the batch: what the customers pay and what the provider charges for the whole quantity. */
export interface SummaryContentLine {
  productKey: string;
  productName: string;
  unit: Unit;
  quantityMilli: number;
  unitPriceCents: number;
  totalCents: number;
  providerName: string;
  totalCostCents: number | null;
}

export interface OrderContentLine {
  productKey: string;
  productName: string;
  unit: Unit;
  quantityMilli: number;
  unitPriceCents: number;
  totalCents: number;
  providerName: string;
}

export type OrderContentDelivery = { kind: "pickup" } | { kind: "delivery"; address: string };

export interface OrderContent {
  number: number;
  customerName: string | null;
  phone: string;
  delivery: OrderContentDelivery;
  totalCents: number;
  lines: OrderContentLine[];
}

export type SheetContent =
  | { kind: "provider"; sheet: SheetHeader; providerName: string; lines: ProviderContentLine[] }
  | { kind: "consolidated"; sheet: SheetHeader; summary: SummaryContentLine[]; orders: OrderContent[] };

/** Orders of a closed batch that go to the providers: all but the cancelled ones. */
const BOUGHT = ne(orders.status, "cancelled");

/**
 * What one sheet shows, read from the batch's orders: the one place sheets read the database. Provider sheets have
 * one row per product, quantities summed, priced at the catalog's current cost; the packing workbook adds each
 * order with its customer and delivery.
 * A missing sheet or batch is `not_found`: the job cannot succeed by trying again.
 */
export async function loadSheetContent(context: CoreContext, sheetId: number): Promise<SheetContent> {
  const [sheet] = await context.db
    .select({
      id: sheets.id,
      businessId: sheets.businessId,
      batchId: sheets.batchId,
      batchNumber: batches.number,
      closedAt: batches.closedAt,
      generation: sheets.generation,
      storageKey: sheets.storageKey,
      kind: sheets.kind,
      providerId: sheets.providerId,
      providerKey: providers.key,
      providerName: providers.name,
    })
    .from(sheets)
    .innerJoin(batches, eq(batches.id, sheets.batchId))
    .leftJoin(providers, eq(providers.id, sheets.providerId))
    .where(eq(sheets.id, sheetId));
  if (!sheet) throw notFound("sheet_not_found", `sheet ${sheetId} does not exist`);
  const { kind, providerId, closedAt, ...rest } = sheet;
  const header: SheetHeader = { ...rest, closedAt: closedAt ?? context.now() };

  // The cost is the catalog's when the sheet is written, which is when the entrepreneur buys: minutes after the
  // close, not the week-old cost of when each customer confirmed (prices paid by customers are kept per item).
  const summed = await context.db
    .select({
      productId: products.id,
      providerId: providers.id,
      productName: products.name,
      unit: products.unit,
      costCents: products.costCents,
      // One row per product (PRODUCT.md): should the price have changed while the batch was open, the row shows
      // the average price paid, and its total stays the exact sum of what the customers confirmed.
      unitPriceCents:
        sql<number>`round(sum(${orderItems.totalCents}) * 1000.0 / nullif(sum(${orderItems.quantityMilli}), 0))`.mapWith(
          Number,
        ),
      quantityMilli: sum(orderItems.quantityMilli).mapWith(Number),
      totalCents: sum(orderItems.totalCents).mapWith(Number),
      providerName: providers.name,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .innerJoin(products, eq(products.id, orderItems.productId))
    .innerJoin(providers, eq(providers.id, orderItems.providerId))
    .where(
      and(
        eq(orders.batchId, sheet.batchId),
        BOUGHT,
        providerId === null ? undefined : eq(orderItems.providerId, providerId),
      ),
    )
    .groupBy(products.id, products.name, products.unit, products.costCents, providers.id, providers.name)
    .orderBy(asc(providers.name), asc(products.name));
  const costOf = (costCents: number | null, quantityMilli: number) =>
    costCents === null ? null : lineTotal(costCents, quantityMilli);

  if (kind === "provider") {
    return {
      kind,
      sheet: header,
      providerName: sheet.providerName ?? "",
      lines: summed.map((line) => ({
        productName: line.productName,
        unit: line.unit as Unit,
        quantityMilli: line.quantityMilli,
        unitCostCents: line.costCents,
        totalCostCents: costOf(line.costCents, line.quantityMilli),
      })),
    };
  }

  const summary = summed.map(({ productId, providerId: lineProvider, costCents, ...line }) => ({
    ...line,
    productKey: productKey(productId, lineProvider),
    unit: line.unit as Unit,
    totalCostCents: costOf(costCents, line.quantityMilli),
  }));
  const orderRows = await context.db
    .select({
      id: orders.id,
      number: orders.number,
      customerName: customers.name,
      phone: customers.phone,
      totalCents: orders.totalCents,
      deliveryKind: orders.deliveryKind,
      deliveryAddress: orders.deliveryAddress,
    })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(and(eq(orders.batchId, sheet.batchId), BOUGHT))
    .orderBy(asc(orders.number));
  const itemRows =
    orderRows.length === 0
      ? []
      : await context.db
          .select({
            orderId: orderItems.orderId,
            productId: orderItems.productId,
            providerId: orderItems.providerId,
            productName: products.name,
            unit: products.unit,
            quantityMilli: orderItems.quantityMilli,
            unitPriceCents: orderItems.unitPriceCents,
            totalCents: orderItems.totalCents,
            providerName: providers.name,
          })
          .from(orderItems)
          .innerJoin(products, eq(products.id, orderItems.productId))
          .innerJoin(providers, eq(providers.id, orderItems.providerId))
          .where(
            inArray(
              orderItems.orderId,
              sql`(select ${orders.id} from ${orders} where ${orders.batchId} = ${sheet.batchId} and ${BOUGHT})`,
            ),
          )
          .orderBy(asc(orderItems.orderId), asc(orderItems.id));
  const linesByOrder = new Map<number, OrderContentLine[]>();
  for (const { orderId, productId, providerId: lineProvider, ...line } of itemRows) {
    const list = linesByOrder.get(orderId) ?? [];
    list.push({ ...line, productKey: productKey(productId, lineProvider), unit: line.unit as Unit });
    linesByOrder.set(orderId, list);
  }
  return {
    kind: "consolidated",
    sheet: header,
    summary,
    orders: orderRows.map(({ id, deliveryKind, deliveryAddress, ...order }) => ({
      ...order,
      delivery: orderDelivery(deliveryKind, deliveryAddress),
      lines: linesByOrder.get(id) ?? [],
    })),
  };
}

/** A product as the sheets tell products apart: the same product from two providers is two columns of `Mapa`. */
function productKey(productId: number, providerId: number): string {
  return `${productId}/${providerId}`;
}

/** How an order reaches its customer: picked up, or delivered to the address it was confirmed with. */
function orderDelivery(kind: string, address: DeliveryAddress | null): OrderContentDelivery {
  return kind === "delivery" && address ? { kind: "delivery", address: formatAddress(address) } : { kind: "pickup" };
}
