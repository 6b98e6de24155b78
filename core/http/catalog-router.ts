import { Router } from "express";
import type { CoreContext } from "../app/context.ts";
import { getCatalog } from "../app/get-catalog.ts";
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
    response.json(result);
  });

  return router;
}
