import { sql } from "drizzle-orm";
import type { Database, Executor } from "../db/database.ts";

/** The PostgreSQL channel a catalog change is announced on; the payload is the business's id. */
const CATALOG_CHANNEL = "sisconf_catalog";

/** Every role caching the catalog shares one lock per business with the use cases that change it. */
const CATALOG_LOCK = 7317;

/**
 * Takes the business's catalog lock for the rest of the transaction: imports and one-product changes run one at a
 * time, so what an import compared is what it writes over.
 */
export async function lockCatalog(executor: Executor, businessId: number): Promise<void> {
  await executor.execute(sql`select pg_advisory_xact_lock(${CATALOG_LOCK}, ${businessId})`);
}

/** Announces, in the changing transaction, that the catalog changed: delivered to every listener at commit. */
export async function notifyCatalogChanged(executor: Executor, businessId: number): Promise<void> {
  await executor.execute(sql`select pg_notify(${CATALOG_CHANNEL}, ${String(businessId)})`);
}

/**
 * Calls `onChange` whenever any process commits a change to the business's catalog, and whenever listening
 * (re)starts, since a change may have been missed meanwhile. Answers how to stop.
 */
export async function watchCatalogChanges(
  database: Database,
  businessId: number,
  onChange: () => void,
): Promise<() => Promise<void>> {
  return database.listen(
    CATALOG_CHANNEL,
    (payload) => {
      if (payload === String(businessId)) onChange();
    },
    onChange,
  );
}
