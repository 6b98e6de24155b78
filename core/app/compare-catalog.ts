import type { CatalogInput } from "./catalog-input.ts";
import type { CoreContext } from "./context.ts";
import { type CatalogChanges, type ImportMode, loadStoredCatalog, planCatalogImport } from "./plan-catalog-import.ts";

/**
 * What importing `catalog` (validated, as `parseCatalogFile` answers it) would change, without changing anything: shown to the entrepreneur before an import is
 * confirmed. Importing the same input later answers what it then really changed.
 */
export async function compareCatalog(
  context: CoreContext,
  businessId: number,
  catalog: CatalogInput,
  mode: ImportMode,
): Promise<CatalogChanges> {
  const stored = await loadStoredCatalog(context.db, businessId);
  return planCatalogImport(stored, catalog, mode).changes;
}
