import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CatalogCache } from "../../bot/dialogue/catalog-cache.ts";
import type { CoreContext } from "../../core/app/context.ts";
import { replaceCatalog } from "../../core/app/replace-catalog.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

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
    const cache = new CatalogCache(context, test.businessId, 60_000);
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
