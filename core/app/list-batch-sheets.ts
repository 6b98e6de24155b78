import { and, asc, desc, eq, ne } from "drizzle-orm";
import { batches, providers, sheets } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

export interface BatchSheet {
  id: number;
  generation: number;
  status: string;
  storageKey: string;
  /** The provider's; null for the packing workbook. */
  providerKey: string | null;
  providerName: string | null;
  providerPhone: string | null;
}

/**
 * A batch's sheets with their providers ("planilhas lote 3", "enviar aos fornecedores"): by the number people see,
 * or the last batch closed when none is given. Null when there is no such batch (or none was closed yet).
 */
export async function listBatchSheets(
  context: CoreContext,
  businessId: number,
  batchNumber?: number,
): Promise<{ batchNumber: number; sheets: BatchSheet[] } | null> {
  const [batch] = await context.db
    .select({ id: batches.id, number: batches.number })
    .from(batches)
    .where(
      and(
        eq(batches.businessId, businessId),
        batchNumber === undefined ? ne(batches.status, "open") : eq(batches.number, batchNumber),
      ),
    )
    .orderBy(desc(batches.number))
    .limit(1);
  if (!batch) return null;
  const rows = await context.db
    .select({
      id: sheets.id,
      generation: sheets.generation,
      status: sheets.status,
      storageKey: sheets.storageKey,
      providerKey: providers.key,
      providerName: providers.name,
      providerPhone: providers.phone,
    })
    .from(sheets)
    .leftJoin(providers, eq(providers.id, sheets.providerId))
    .where(eq(sheets.batchId, batch.id))
    .orderBy(asc(sheets.id));
  return { batchNumber: batch.number, sheets: rows };
}
