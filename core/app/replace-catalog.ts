import { catalogInputSchema } from "./catalog-input.ts";
import type { CoreContext } from "./context.ts";
import { type CatalogImported, importCatalog } from "./import-catalog.ts";
import { parseInput } from "./validation.ts";

/**
 * Makes the business's active catalog exactly `input` (`PUT /api/v1/catalog`, its body as `input`):
 * products missing from it are deactivated, never deleted.
 */
export async function replaceCatalog(
  context: CoreContext,
  businessId: number,
  input: unknown,
): Promise<CatalogImported> {
  return importCatalog(context, businessId, parseInput(catalogInputSchema, input), "replace");
}
