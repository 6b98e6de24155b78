import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { watchCatalogChanges } from "../../core/app/catalog-notifications.ts";
import { changeProductPrice } from "../../core/app/change-product-price.ts";
import type { CoreContext } from "../../core/app/context.ts";
import { ensureBusiness } from "../../core/app/ensure-business.ts";
import { replaceCatalog } from "../../core/app/replace-catalog.ts";
import { type Database, openDatabase } from "../../core/db/database.ts";
import { eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { type InterruptibleService, startPostgres } from "../support/postgres-server.ts";

describe("drill: PostgreSQL stops while a process watches the catalog, then comes back", () => {
  let postgres: InterruptibleService;
  let database: Database;
  let context: CoreContext;
  let businessId: number;

  beforeAll(async () => {
    postgres = await startPostgres({ durable: true });
    database = await openDatabase({ url: postgres.url, dataDir: "", poolSize: 2 });
    await database.migrate();
    context = { db: database.db, now: () => new Date(), emit: () => {} };
    businessId = await ensureBusiness(context);
    await replaceCatalog(context, businessId, exampleCatalog());
  });
  afterAll(async () => {
    await database?.close();
    await postgres?.stop();
  });

  it("listens again once the server is back, rereading the catalog it may have missed, and hears later changes", {
    timeout: 90_000,
  }, async () => {
    let heard = 0;
    const unwatch = await watchCatalogChanges(database, businessId, () => heard++);
    try {
      expect(heard).toBe(1);
      await postgres.halt();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await postgres.resume();
      // Listening again counts as a change: whatever changed meanwhile must be read again.
      // postgres.js retries its listening connection with a growing back-off, up to 20 s apart.
      await eventually(async () => heard >= 2, 40_000);
      const listening = heard;
      await eventually(async () => {
        await changeProductPrice(context, businessId, "tomate", "8,50");
        return true;
      });
      await eventually(async () => heard === listening + 1);
    } finally {
      await unwatch();
    }
  });
});
