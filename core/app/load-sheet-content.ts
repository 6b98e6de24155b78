import { and, asc, eq, inArray, ne, sql, sum } from "drizzle-orm";
import { batches, customers, orderItems, orders, products, providers, sheets } from "../db/schema.ts";
import type { Unit } from "../domain/units.ts";
import type { CoreContext } from "./context.ts";
import { notFound } from "./errors.ts";

export interface SheetContentLine {
  productName: string;
  unit: Unit;
  quantityMilli: number;
  unitPriceCents: number;
  totalCents: number;
  providerName: string;
}

export interface SheetHeader {
  id: number;
  businessId: number;
  batchId: number;
  batchNumber: number;
  generation: number;
  storageKey: string;
  providerKey: string | null;
  providerName: string | null;
}

export type SheetContent =
  | { kind: "provider"; sheet: SheetHeader; lines: SheetContentLine[] }
  | {
      kind: "consolidated";
      sheet: SheetHeader;
      summary: SheetContentLine[];
      orders: { number: number; customerName: string | null; phone: string; lines: SheetContentLine[] }[];
    };

/** Orders of a closed batch that go to the providers: all but the cancelled ones. */
const BOUGHT = ne(orders.status, "cancelled");

/**
 * What one sheet shows, read from the batch's orders. Provider sheets have one row per product, quantities summed;
 * the consolidated one adds each order.
 * A missing sheet or batch is `not_found`: the job cannot succeed by trying again.
 */
export async function loadSheetContent(context: CoreContext, sheetId: number): Promise<SheetContent> {
  const [sheet] = await context.db
    .select({
      id: sheets.id,
      businessId: sheets.businessId,
      batchId: sheets.batchId,
      batchNumber: batches.number,
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
  const { kind, providerId, ...header } = sheet;

  const summed = await context.db
    .select({
      productName: products.name,
      unit: products.unit,
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
    .groupBy(products.id, products.name, products.unit, providers.name)
    .orderBy(asc(providers.name), asc(products.name));
  const lines = summed.map((line) => ({ ...line, unit: line.unit as Unit }));
  if (kind === "provider") return { kind, sheet: header, lines };

  const orderRows = await context.db
    .select({ id: orders.id, number: orders.number, customerName: customers.name, phone: customers.phone })
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
  const linesByOrder = new Map<number, SheetContentLine[]>();
  for (const { orderId, ...line } of itemRows) {
    const list = linesByOrder.get(orderId) ?? [];
    list.push({ ...line, unit: line.unit as Unit });
    linesByOrder.set(orderId, list);
  }
  return {
    kind: "consolidated",
    sheet: header,
    summary: lines,
    orders: orderRows.map(({ id, ...order }) => ({ ...order, lines: linesByOrder.get(id) ?? [] })),
  };
}
