import type { CoreContext } from "../../core/app/context.ts";
import { getCatalog } from "../../core/app/get-catalog.ts";
import type { Product } from "../../core/domain/catalog.ts";
import { type CompiledCatalog, compileCatalog } from "../understand/understand-message.ts";

export interface CatalogSnapshot {
  products: readonly Product[];
  bySku: ReadonlyMap<string, Product>;
  compiled: CompiledCatalog;
}

/**
 * The compiled catalog the bot reads messages against. Compiling is work for every product, so it is kept until
 * `invalidate` says the catalog may have changed: the process's own changes call it, and so does the catalog
 * notification every change sends (`watchCatalogChanges`), whichever process made it. Nothing is polled: an
 * unchanged catalog costs no query.
 */
export class CatalogCache {
  private snapshot: CatalogSnapshot | null = null;
  private stale = true;
  private refreshing: Promise<CatalogSnapshot> | null = null;
  /** Bumped by `invalidate`: a refresh that began before it does not count as a fresh look. */
  private generation = 0;

  constructor(
    private readonly context: CoreContext,
    private readonly businessId: number,
  ) {}

  /** Forget what was checked: the next read looks at the database (the catalog changed). */
  invalidate(): void {
    this.generation++;
    this.stale = true;
    this.refreshing = null;
  }

  async get(): Promise<CatalogSnapshot> {
    if (this.snapshot && !this.stale) return this.snapshot;
    if (this.refreshing !== null) return this.refreshing;
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
    const products = await getCatalog(this.context, this.businessId);
    const value = {
      products,
      bySku: new Map(products.map((product) => [product.sku, product])),
      compiled: compileCatalog(products),
    };
    // A look that began before a change answers its own caller, but must not replace what a later look kept.
    if (generation === this.generation) {
      this.snapshot = value;
      this.stale = false;
    }
    return value;
  }
}
