import { catalogInputSchema } from "./catalog-input.ts";
import type { CoreContext } from "./context.ts";
import { type CatalogImported, importCatalog } from "./import-catalog.ts";
import { parseInput } from "./validation.ts";

/**
 * Adds and updates the products in `input` and touches no other (`PATCH /api/v1/catalog`, its body as `input`):
 * a one-row price list changes one price. Its products may name providers already stored.
 */
export async function mergeCatalog(context: CoreContext, businessId: number, input: unknown): Promise<CatalogImported> {
  return importCatalog(context, businessId, parseInput(catalogInputSchema, input), "merge");
}
