import { NetworkError } from "@keycloak/keycloak-admin-client";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { placeOrder } from "../../core/app/place-order.ts";
import { replaceCatalog } from "../../core/app/replace-catalog.ts";
import { customers } from "../../core/db/schema.ts";
import { CustomerSync } from "../../core/identity/keycloak/customer-sync.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("linking customers to their identity", () => {
  let test: TestDatabase;
  const refused = "5584955500001";
  const accepted = "5584955500002";
  beforeAll(async () => {
    test = await createTestDatabase("pglite");
    await replaceCatalog(test.context, test.businessId, exampleCatalog());
    for (const phone of [refused, accepted]) {
      await placeOrder(test.context, {
        businessId: test.businessId,
        phone,
        items: [{ sku: "tomate", quantityMilli: 1000 }],
      });
    }
  });
  afterAll(async () => {
    await test?.close();
  });

  it("stops a pass at the first customer when the identity provider does not answer, and links none", async () => {
    let asked = 0;
    const sync = new CustomerSync({
      db: test.context.db,
      logger: pino({ level: "silent" }),
      intervalMs: 60_000,
      users: {
        async ensureCustomer() {
          asked++;
          throw new TypeError("fetch failed");
        },
      },
    });
    expect(await sync.runOnce()).toBe(false);
    expect(asked).toBe(1);
    await sync.close();
  });

  it("links the customers after one the identity provider refuses, and tries that one again later", async () => {
    let refusing = true;
    const sync = new CustomerSync({
      db: test.context.db,
      logger: pino({ level: "silent" }),
      intervalMs: 60_000,
      users: {
        async ensureCustomer(phone) {
          if (phone === refused && refusing) {
            throw new NetworkError("user rejected", {
              response: new Response(null, { status: 400 }),
              responseData: {},
            });
          }
          return `user-${phone}`;
        },
      },
    });
    const linked = async () =>
      Object.fromEntries(
        (await test.context.db.select({ phone: customers.phone, id: customers.identityId }).from(customers)).map(
          (row) => [row.phone, row.id],
        ),
      );
    await sync.runOnce();
    expect(await linked()).toEqual({ [refused]: null, [accepted]: `user-${accepted}` });
    refusing = false;
    expect(await sync.runOnce()).toBe(true);
    expect(await linked()).toEqual({ [refused]: `user-${refused}`, [accepted]: `user-${accepted}` });
    await sync.close();
  });
});
