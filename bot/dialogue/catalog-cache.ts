import type { CoreContext } from "../../core/app/context.ts";
import { getCatalog, getCatalogVersion } from "../../core/app/get-catalog.ts";
import type { Product } from "../../core/domain/catalog.ts";
import { type CompiledCatalog, compileCatalog } from "../understand/understand-message.ts";

export interface CatalogSnapshot {
  products: readonly Product[];
  bySku: ReadonlyMap<string, Product>;
  compiled: CompiledCatalog;
}

/**
 * The compiled catalog the bot reads messages against. Compiling is work for every product, so it is kept and
 * rebuilt only when the catalog's version changes; the version is checked at most once per `checkEveryMs`.
 */
export class CatalogCache {
  private snapshot: { version: string; value: CatalogSnapshot } | null = null;
  private checkedAt = 0;
  private refreshing: Promise<CatalogSnapshot> | null = null;
  /** Bumped by `invalidate`: a refresh that began before it does not count as a fresh look. */
  private generation = 0;

  constructor(
    private readonly context: CoreContext,
    private readonly businessId: number,
    private readonly checkEveryMs = 2000,
  ) {}

  /** Forget what was checked: the next read looks at the database (this process changed the catalog). */
  invalidate(): void {
    this.generation++;
    this.checkedAt = 0;
    this.refreshing = null;
  }

  async get(): Promise<CatalogSnapshot> {
    if (this.snapshot && Date.now() - this.checkedAt < this.checkEveryMs) return this.snapshot.value;
    if (this.refreshing) return this.refreshing;
    const refreshing = this.refresh();
    const done = () => {
      if (this.refreshing === refreshing) this.refreshing = null;
    };
    this.refreshing = refreshing;
    refreshing.then(done, done);
    return refreshing;
  }

  private async refresh(): Promise<CatalogSnapshot> {
    const generation = this.generation;
    const version = await getCatalogVersion(this.context, this.businessId);
    if (generation === this.generation) this.checkedAt = Date.now();
    if (this.snapshot?.version === version) return this.snapshot.value;
    const products = await getCatalog(this.context, this.businessId);
    const value = {
      products,
      bySku: new Map(products.map((product) => [product.sku, product])),
      compiled: compileCatalog(products),
    };
    // A look that began before a change answers its own caller, but must not replace what a later look kept.
    if (generation === this.generation) this.snapshot = { version, value };
    return value;
  }
}
