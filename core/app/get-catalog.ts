import { and, asc, eq } from "drizzle-orm";
import { products, providers } from "../db/schema.ts";
import type { Product } from "../domain/catalog.ts";
import type { Unit } from "../domain/units.ts";
import type { CoreContext } from "./context.ts";

/** The active catalog of a business, products sorted by category then name. */
export async function getCatalog(context: CoreContext, businessId: number): Promise<Product[]> {
  const rows = await context.db
    .select({
      id: products.id,
      sku: products.sku,
      name: products.name,
      unit: products.unit,
      priceCents: products.priceCents,
      costCents: products.costCents,
      available: products.available,
      category: products.category,
      aliases: products.aliases,
      active: products.active,
      providerId: providers.id,
      providerKey: providers.key,
      providerName: providers.name,
    })
    .from(products)
    .innerJoin(providers, eq(providers.id, products.providerId))
    .where(and(eq(products.businessId, businessId), eq(products.active, true)))
    .orderBy(asc(products.category), asc(products.name));
  return rows.map((row) => ({ ...row, unit: row.unit as Unit }));
}
