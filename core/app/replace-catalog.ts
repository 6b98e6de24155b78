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
    const providerIds = new Map<string, number>();
    for (const provider of catalog.providers) {
      const values = {
        name: provider.name,
        phone: provider.phone ?? null,
        email: provider.email ?? null,
        active: true,
      };
      const [row] = await tx
        .insert(providers)
        .values({ businessId, key: provider.key, ...values })
        .onConflictDoUpdate({ target: [providers.businessId, providers.key], set: values })
        .returning({ id: providers.id });
      if (row) providerIds.set(provider.key, row.id);
    }

    for (const product of catalog.products) {
      const values = {
        name: product.name,
        unit: product.unit,
        priceCents: product.price,
        providerId: providerIds.get(product.provider) ?? 0,
        category: product.category ?? null,
        aliases: product.aliases,
        active: true,
        updatedAt: now,
      };
      await tx
        .insert(products)
        .values({ businessId, sku: product.sku, ...values })
        .onConflictDoUpdate({ target: [products.businessId, products.sku], set: values });
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
