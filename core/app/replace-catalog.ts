import { and, eq, notInArray, sql } from "drizzle-orm";
import { products, providers } from "../db/schema.ts";
import { type CatalogInput, catalogInputSchema } from "./catalog-input.ts";
import type { CoreContext } from "./context.ts";
import { parseInput } from "./validation.ts";

export interface CatalogReplaced {
  providers: number;
  products: number;
  /** Products that were active and are missing from the new catalog: deactivated, never deleted. */
  deactivated: number;
}

/**
 * Makes the business's catalog exactly `input`: products and providers are inserted or updated by key,
 * products missing from it are deactivated (orders keep pointing at them). All or nothing.
 */
export async function replaceCatalog(
  context: CoreContext,
  businessId: number,
  input: unknown,
): Promise<CatalogReplaced> {
  const catalog: CatalogInput = parseInput(catalogInputSchema, input);
  const now = context.now();
  return context.db.transaction(async (tx) => {
    // Many rows per statement: a catalog of thousands of products is a few statements, not one per row.
    const providerIds = new Map<string, number>();
    for (const chunk of chunks(catalog.providers)) {
      const rows = await tx
        .insert(providers)
        .values(
          chunk.map((provider) => ({
            businessId,
            key: provider.key,
            name: provider.name,
            phone: provider.phone ?? null,
            email: provider.email ?? null,
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

    for (const chunk of chunks(catalog.products)) {
      await tx
        .insert(products)
        .values(
          chunk.map((product) => ({
            businessId,
            sku: product.sku,
            name: product.name,
            unit: product.unit,
            priceCents: product.price,
            costCents: product.cost ?? null,
            available: product.available,
            providerId: providerIds.get(product.provider) ?? 0,
            category: product.category ?? null,
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

    const keptSkus = catalog.products.map((product) => product.sku);
    const deactivated = await tx
      .update(products)
      .set({ active: false, updatedAt: now })
      .where(
        and(
          eq(products.businessId, businessId),
          eq(products.active, true),
          keptSkus.length > 0 ? notInArray(products.sku, keptSkus) : sql`true`,
        ),
      )
      .returning({ id: products.id });

    const keptProviders = catalog.providers.map((provider) => provider.key);
    await tx
      .update(providers)
      .set({ active: false })
      .where(
        and(
          eq(providers.businessId, businessId),
          keptProviders.length > 0 ? notInArray(providers.key, keptProviders) : sql`true`,
        ),
      );

    return { providers: catalog.providers.length, products: catalog.products.length, deactivated: deactivated.length };
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
