import { and, asc, count, desc, eq, inArray, sql, sum } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { batches, orderItems, orders, providers, sheets } from "../db/schema.ts";
import type { BatchStatus } from "../domain/lifecycle.ts";
import type { CoreContext } from "./context.ts";
import { notFound } from "./errors.ts";

export interface SheetView {
  id: number;
  kind: "provider" | "consolidated";
  provider: string | null;
  providerName: string | null;
  status: string;
  url: string | null;
  storageKey: string;
  error: string | null;
}

export interface ProviderTotal {
  provider: string;
  providerName: string;
  items: number;
  totalCents: number;
}

export interface BatchView {
  id: number;
  number: number;
  status: BatchStatus;
  openedAt: Date;
  closedAt: Date | null;
  orders: number;
  items: number;
  totalCents: number;
  providers: ProviderTotal[];
  sheets: SheetView[];
}

/** Counts and totals leave cancelled orders out: they are not bought. */
const COUNTED = sql`${orders.status} <> 'cancelled'`;

export async function getBatch(context: CoreContext, businessId: number, batchId: number): Promise<BatchView> {
  const [view] = await describeBatches(context.db, businessId, [batchId]);
  if (!view) throw notFound("batch_not_found", "batch not found");
  return view;
}

/** The open batch so far (the entrepreneur's "resumo"). */
export async function getOpenBatch(context: CoreContext, businessId: number): Promise<BatchView> {
  const [open] = await context.db
    .select({ id: batches.id })
    .from(batches)
    .where(and(eq(batches.businessId, businessId), eq(batches.status, "open")));
  if (!open) throw notFound("batch_not_found", "there is no open batch");
  return getBatch(context, businessId, open.id);
}

export async function listBatches(context: CoreContext, businessId: number, limit = 50): Promise<BatchView[]> {
  const rows = await context.db
    .select({ id: batches.id })
    .from(batches)
    .where(eq(batches.businessId, businessId))
    .orderBy(desc(batches.number))
    .limit(limit);
  return describeBatches(
    context.db,
    businessId,
    rows.map((row) => row.id),
  );
}

async function describeBatches(executor: Executor, businessId: number, batchIds: number[]): Promise<BatchView[]> {
  if (batchIds.length === 0) return [];
  const rows = await executor
    .select()
    .from(batches)
    .where(and(eq(batches.businessId, businessId), inArray(batches.id, batchIds)))
    .orderBy(desc(batches.number));
  const orderCounts = await executor
    .select({ batchId: orders.batchId, orders: count(), totalCents: sum(orders.totalCents).mapWith(Number) })
    .from(orders)
    .where(and(inArray(orders.batchId, batchIds), COUNTED))
    .groupBy(orders.batchId);
  const providerTotals = await executor
    .select({
      batchId: orders.batchId,
      provider: providers.key,
      providerName: providers.name,
      items: count(),
      totalCents: sum(orderItems.totalCents).mapWith(Number),
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .innerJoin(providers, eq(providers.id, orderItems.providerId))
    .where(and(inArray(orders.batchId, batchIds), COUNTED))
    .groupBy(orders.batchId, providers.key, providers.name)
    .orderBy(asc(providers.key));
  const sheetRows = await executor
    .select({
      id: sheets.id,
      batchId: sheets.batchId,
      kind: sheets.kind,
      provider: providers.key,
      providerName: providers.name,
      status: sheets.status,
      url: sheets.url,
      storageKey: sheets.storageKey,
      error: sheets.error,
    })
    .from(sheets)
    .leftJoin(providers, eq(providers.id, sheets.providerId))
    .where(inArray(sheets.batchId, batchIds))
    .orderBy(asc(sheets.id));

  return rows.map((batch) => {
    const counted = orderCounts.find((row) => row.batchId === batch.id);
    const totals = providerTotals.filter((row) => row.batchId === batch.id);
    return {
      id: batch.id,
      number: batch.number,
      status: batch.status as BatchStatus,
      openedAt: batch.openedAt,
      closedAt: batch.closedAt,
      orders: counted?.orders ?? 0,
      items: totals.reduce((total, row) => total + row.items, 0),
      totalCents: counted?.totalCents ?? 0,
      providers: totals.map(({ batchId: _batchId, ...total }) => total),
      sheets: sheetRows
        .filter((sheet) => sheet.batchId === batch.id)
        .map(({ batchId: _batchId, ...sheet }) => ({ ...sheet, kind: sheet.kind as SheetView["kind"] })),
    };
  });
}
