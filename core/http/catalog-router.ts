import { Router } from "express";
import type { CoreContext } from "../app/context.ts";
import { getCatalog } from "../app/get-catalog.ts";
import type { CatalogImported } from "../app/import-catalog.ts";
import { mergeCatalog } from "../app/merge-catalog.ts";
import { replaceCatalog } from "../app/replace-catalog.ts";
import { formatCents } from "../domain/money.ts";
import { requireEntrepreneur } from "./auth.ts";

export function catalogRouter(context: CoreContext, businessId: number, catalogChanged: () => void): Router {
  const router = Router();

  router.get("/api/v1/catalog", async (_request, response) => {
    const products = await getCatalog(context, businessId);
    response.json({
      products: products.map((product) => ({
        sku: product.sku,
        name: product.name,
        unit: product.unit,
        price: formatCents(product.priceCents),
        cost: product.costCents === null ? null : formatCents(product.costCents),
        available: product.available,
        provider: product.providerKey,
        category: product.category,
        aliases: product.aliases,
      })),
    });
  });

  router.put("/api/v1/catalog", requireEntrepreneur, async (request, response) => {
    const result = await replaceCatalog(context, businessId, request.body);
    catalogChanged();
    response.json(catalogImportedJson(result));
  });

  router.patch("/api/v1/catalog", requireEntrepreneur, async (request, response) => {
    const result = await mergeCatalog(context, businessId, request.body);
    catalogChanged();
    response.json(catalogImportedJson(result));
  });

  return router;
}

/** What an import did, money as decimal strings: the API's answer and what `sisconf catalog import` prints from. */
export function catalogImportedJson(result: CatalogImported) {
  const { changes } = result;
  const money = (cents: number | null) => (cents === null ? null : formatCents(cents));
  return {
    providers: result.providers,
    products: result.products,
    deactivated: result.deactivated,
    changes: {
      added: changes.added.map(({ sku, name, priceCents, available }) => ({
        sku,
        name,
        price: formatCents(priceCents),
        available,
      })),
      priceChanges: changes.priceChanges.map(({ sku, name, fromCents, toCents }) => ({
        sku,
        name,
        from: formatCents(fromCents),
        to: formatCents(toCents),
      })),
      costChanges: changes.costChanges.map(({ sku, name, fromCents, toCents }) => ({
        sku,
        name,
        from: money(fromCents),
        to: money(toCents),
      })),
      availabilityChanges: changes.availabilityChanges,
      otherChanges: changes.otherChanges,
      missing: changes.missing,
      unchanged: changes.unchanged,
    },
  };
}

export type CatalogImportedJson = ReturnType<typeof catalogImportedJson>;
