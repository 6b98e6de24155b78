import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CatalogCache } from "../../bot/dialogue/catalog-cache.ts";
import { watchCatalogChanges } from "../../core/app/catalog-notifications.ts";
import { changeProductAvailability } from "../../core/app/change-product-availability.ts";
import { changeProductPrice } from "../../core/app/change-product-price.ts";
import type { CoreContext } from "../../core/app/context.ts";
import { replaceCatalog } from "../../core/app/replace-catalog.ts";
import { type Database, openDatabase } from "../../core/db/database.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/test-database.ts";

/** `value`, with every query built from it run at once but answered only once `gate` opens (a slow network). */
function answeredLate<T extends object>(value: T, gate: Promise<void>): T {
  return new Proxy(value, {
    get(target, property) {
      const member = Reflect.get(target, property, target);
      if (property === "then" && typeof member === "function") {
        const result = Promise.resolve(target as unknown as PromiseLike<unknown>);
        return (resolve: (value: unknown) => void, reject: (error: unknown) => void) =>
          gate.then(() => result).then(resolve, reject);
      }
      if (typeof member !== "function") return member;
      return (...args: unknown[]) => {
        const built = member.apply(target, args);
        return typeof built === "object" && built !== null ? answeredLate(built, gate) : built;
      };
    },
  });
}

describe("the bot's catalog cache", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase("pglite");
    await replaceCatalog(test.context, test.businessId, exampleCatalog());
  });
  afterAll(async () => {
    await test?.close();
  });

  it("reads a catalog changed in this process at the next read, even when a look that began before is answered after", async () => {
    let open = () => {};
    let gate: Promise<void> = Promise.resolve();
    const context: CoreContext = {
      ...test.context,
      db: new Proxy(test.context.db, {
        get(target, property) {
          const member = Reflect.get(target, property, target);
          if (property !== "select" || typeof member !== "function") return member;
          return (...args: unknown[]) => answeredLate(member.apply(target, args), gate);
        },
      }),
    };
    const cache = new CatalogCache(context, test.businessId);
    expect((await cache.get()).bySku.get("tomate")?.priceCents).toBe(750);

    gate = new Promise<void>((resolve) => (open = resolve));
    cache.invalidate();
    // This look reads the catalog's version before the change, and hears back only after it.
    const looking = cache.get();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const catalog = exampleCatalog();
    catalog.products = catalog.products.map((product) =>
      product.sku === "tomate" ? { ...product, price: "8.00" } : product,
    );
    await replaceCatalog(test.context, test.businessId, catalog);
    cache.invalidate();
    open();
    await looking;
    gate = Promise.resolve();
    expect((await cache.get()).bySku.get("tomate")?.priceCents).toBe(800);
  });
});

describe.each(DATABASE_KINDS)("catalog change notifications on %s", (kind) => {
  let writer: TestDatabase;
  /** Another client of the same database: another process, as far as PostgreSQL can tell. */
  let reader: Database;
  let readerContext: CoreContext;
  beforeAll(async () => {
    writer = await createTestDatabase(kind);
    await replaceCatalog(writer.context, writer.businessId, exampleCatalog());
    // PGlite is one process's database: its second client is the same one.
    reader = writer.url ? await openDatabase({ url: writer.url, dataDir: "", poolSize: 2 }) : writer.database;
    readerContext = { ...writer.context, db: reader.db };
  });
  afterAll(async () => {
    if (reader !== writer?.database) await reader?.close();
    await writer?.close();
  });

  it("reach another client's cache at commit, without a poll, for an import, a price and an availability", async () => {
    const cache = new CatalogCache(readerContext, writer.businessId);
    let heard = () => {};
    const unwatch = await watchCatalogChanges(reader, writer.businessId, () => {
      cache.invalidate();
      heard();
    });
    const nextNotification = () => new Promise<void>((resolve) => (heard = resolve));
    try {
      expect((await cache.get()).bySku.get("tomate")?.priceCents).toBe(750);

      let notified = nextNotification();
      await changeProductPrice(writer.context, writer.businessId, "tomate", "8,50");
      await notified;
      expect((await cache.get()).bySku.get("tomate")?.priceCents).toBe(850);

      notified = nextNotification();
      await changeProductAvailability(writer.context, writer.businessId, "morango", false);
      await notified;
      expect((await cache.get()).bySku.get("morango")?.available).toBe(false);

      notified = nextNotification();
      const catalog = exampleCatalog();
      catalog.products = catalog.products.filter((product) => product.sku !== "alface");
      await replaceCatalog(writer.context, writer.businessId, catalog);
      await notified;
      expect((await cache.get()).bySku.has("alface")).toBe(false);
    } finally {
      await unwatch();
    }
  });

  it("sends nothing for a change that changes nothing, and nothing to the watchers of another business", async () => {
    let own = 0;
    let other = 0;
    let heard = () => {};
    const unwatchOther = await watchCatalogChanges(reader, writer.businessId + 1, () => other++);
    const unwatchOwn = await watchCatalogChanges(reader, writer.businessId, () => {
      own++;
      heard();
    });
    const listening = { own, other };
    const change = async (work: () => Promise<unknown>) => {
      const notified = new Promise<void>((resolve) => (heard = resolve));
      await work();
      await notified;
    };
    try {
      await change(() => changeProductPrice(writer.context, writer.businessId, "tomate", "9,10"));
      await change(() => changeProductAvailability(writer.context, writer.businessId, "tomate", false));
      await changeProductAvailability(writer.context, writer.businessId, "tomate", false);
      await changeProductPrice(writer.context, writer.businessId, "tomate", "9.10");
      // Notifications arrive in commit order: once a later change is heard, none of the no-ops was.
      await change(() => changeProductAvailability(writer.context, writer.businessId, "tomate", true));
      expect(own).toBe(listening.own + 3);
      expect(other).toBe(listening.other);
    } finally {
      await unwatchOther();
      await unwatchOwn();
    }
  });
});
