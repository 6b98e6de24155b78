import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { products, providers } from "../db/schema.ts";
import type { CatalogInput } from "./catalog-input.ts";
import { lockCatalog, notifyCatalogChanged } from "./catalog-notifications.ts";
import type { CoreContext } from "./context.ts";
import { type CatalogChanges, type ImportMode, loadStoredCatalog, planCatalogImport } from "./plan-catalog-import.ts";

export interface CatalogImported {
  /** Providers and products in the file. */
  providers: number;
  products: number;
  /** Products the file lacks that the import deactivated (a replace only): never deleted. */
  deactivated: number;
  changes: CatalogChanges;
}

/**
 * Imports a catalog: products and providers are inserted or updated by key (a field left out keeps its value);
 * a replace also deactivates the products and providers the file lacks (orders keep pointing at them), a merge
 * touches no other. `catalog` is validated (a file read by `parseCatalogFile`, a body parsed by the API's
 * use cases). Only what changes is written; every process's catalog cache hears of it at commit. All or
 * nothing, one import at a time per business.
 */
export async function importCatalog(
  context: CoreContext,
  businessId: number,
  catalog: CatalogInput,
  mode: ImportMode,
): Promise<CatalogImported> {
  const now = context.now();
  return context.db.transaction(async (tx) => {
    await lockCatalog(tx, businessId);
    const stored = await loadStoredCatalog(tx, businessId);
    const plan = planCatalogImport(stored, catalog, mode);

    // Many rows per statement: a catalog of thousands of products is a few statements, not one per row.
    const providerIds = new Map(stored.providers.map((provider) => [provider.key, provider.id]));
    for (const chunk of chunks(plan.providerWrites)) {
      const rows = await tx
        .insert(providers)
        .values(
          chunk.map((provider) => ({
            businessId,
            key: provider.key,
            name: provider.name,
            phone: provider.phone,
            email: provider.email,
            active: true,
          })),
        )
        .onConflictDoUpdate({
          target: [providers.businessId, providers.key],
          set: { name: excluded("name"), phone: excluded("phone"), email: excluded("email"), active: true },
        })
        .returning({ id: providers.id, key: providers.key });
      for (const row of rows) providerIds.set(row.key, row.id);
    }

    for (const chunk of chunks(plan.productWrites)) {
      await tx
        .insert(products)
        .values(
          chunk.map((product) => ({
            businessId,
            sku: product.sku,
            name: product.name,
            unit: product.unit,
            priceCents: product.priceCents,
            costCents: product.costCents,
            available: product.available,
            providerId: providerIds.get(product.provider) ?? 0,
            category: product.category,
            aliases: product.aliases,
            active: true,
            updatedAt: now,
          })),
        )
        .onConflictDoUpdate({
          target: [products.businessId, products.sku],
          set: {
            name: excluded("name"),
            unit: excluded("unit"),
            priceCents: excluded("price_cents"),
            costCents: excluded("cost_cents"),
            available: excluded("available"),
            providerId: excluded("provider_id"),
            category: excluded("category"),
            aliases: excluded("aliases"),
            active: true,
            updatedAt: now,
          },
        });
    }

    let deactivated = 0;
    if (mode === "replace") {
      for (const chunk of chunks(plan.changes.missing.map((product) => product.sku))) {
        const rows = await tx
          .update(products)
          .set({ active: false, updatedAt: now })
          .where(and(eq(products.businessId, businessId), inArray(products.sku, chunk)))
          .returning({ id: products.id });
        deactivated += rows.length;
      }
      const kept = catalog.providers.map((provider) => provider.key);
      await tx
        .update(providers)
        .set({ active: false })
        .where(
          and(
            eq(providers.businessId, businessId),
            eq(providers.active, true),
            kept.length > 0 ? notInArray(providers.key, kept) : sql`true`,
          ),
        );
    }

    if (plan.productWrites.length > 0 || deactivated > 0) await notifyCatalogChanged(tx, businessId);
    return {
      providers: catalog.providers.length,
      products: catalog.products.length,
      deactivated,
      changes: plan.changes,
    };
  });
}

/** The value a row proposed for `column`, in an upsert's update. */
function excluded(column: string) {
  return sql.raw(`excluded.${column}`);
}

/** Rows in groups of 1,000: well under PostgreSQL's 65,535 parameters per statement. */
function chunks<Row>(rows: readonly Row[]): Row[][] {
  const groups: Row[][] = [];
  for (let start = 0; start < rows.length; start += 1000) groups.push(rows.slice(start, start + 1000));
  return groups;
}
