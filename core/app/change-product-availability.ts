import { and, eq } from "drizzle-orm";
import { products } from "../db/schema.ts";
import { lockCatalog, notifyCatalogChanged } from "./catalog-notifications.ts";
import type { CoreContext } from "./context.ts";
import { notFound } from "./errors.ts";

export interface ProductAvailabilityChanged {
  sku: string;
  name: string;
  available: boolean;
  /** False when the product already was so: nothing changed, nobody needs telling. */
  changed: boolean;
}

/**
 * Marks one active product out of stock or back in stock ("acabou morango", "voltou morango"). It stays in the
 * catalog either way; a product the catalog does not list is refused.
 */
export async function changeProductAvailability(
  context: CoreContext,
  businessId: number,
  sku: string,
  available: boolean,
): Promise<ProductAvailabilityChanged> {
  return context.db.transaction(async (tx) => {
    await lockCatalog(tx, businessId);
    const [before] = await tx
      .select({ id: products.id, name: products.name, available: products.available })
      .from(products)
      .where(and(eq(products.businessId, businessId), eq(products.sku, sku), eq(products.active, true)));
    if (!before) throw notFound("unknown_product", `the catalog has no product "${sku}"`);
    const changed = before.available !== available;
    if (changed) {
      await tx.update(products).set({ available, updatedAt: context.now() }).where(eq(products.id, before.id));
      await notifyCatalogChanged(tx, businessId);
    }
    return { sku, name: before.name, available, changed };
  });
}
