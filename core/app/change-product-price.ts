import { and, eq } from "drizzle-orm";
import { products } from "../db/schema.ts";
import { type Cents, formatCents, parseCents } from "../domain/money.ts";
import { MAX_PRICE_CENTS } from "../domain/money-bounds.ts";
import { lockCatalog, notifyCatalogChanged } from "./catalog-notifications.ts";
import type { CoreContext } from "./context.ts";
import { invalidInput, notFound } from "./errors.ts";

export interface ProductPriceChanged {
  sku: string;
  name: string;
  fromCents: Cents;
  toCents: Cents;
}

/**
 * Sets one active product's price ("preço tomate 8,50"), `price` as people write it: "8,50", "8.5", "R$ 8,50".
 * A price that is not one ("8,5O") or a product the catalog does not list is refused and nothing changes.
 */
export async function changeProductPrice(
  context: CoreContext,
  businessId: number,
  sku: string,
  price: string,
): Promise<ProductPriceChanged> {
  const cents = parseCents(price.replace(/^\s*R\$\s*/i, ""));
  if (cents === null) {
    throw invalidInput(
      "invalid_price",
      `${JSON.stringify(price.slice(0, 20))} is not a price: write it like 8,50 (at most two decimals)`,
    );
  }
  if (cents > MAX_PRICE_CENTS) {
    throw invalidInput("price_too_high", `a price is at most ${formatCents(MAX_PRICE_CENTS)}`);
  }
  return context.db.transaction(async (tx) => {
    await lockCatalog(tx, businessId);
    const [before] = await tx
      .select({ id: products.id, name: products.name, priceCents: products.priceCents })
      .from(products)
      .where(and(eq(products.businessId, businessId), eq(products.sku, sku), eq(products.active, true)));
    if (!before) throw notFound("unknown_product", `the catalog has no product "${sku}"`);
    if (before.priceCents !== cents) {
      await tx.update(products).set({ priceCents: cents, updatedAt: context.now() }).where(eq(products.id, before.id));
      await notifyCatalogChanged(tx, businessId);
    }
    return { sku, name: before.name, fromCents: before.priceCents, toCents: cents };
  });
}
