import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, selectRows } from "../../core/db/database.ts";
import { createPostgresDatabase } from "../support/test-database.ts";

const migrations = fileURLToPath(new URL("../../migrations", import.meta.url));
const journal = JSON.parse(readFileSync(path.join(migrations, "meta/_journal.json"), "utf8")) as {
  entries: { idx: number; when: number; tag: string }[];
};

/** A migrations folder as an earlier release shipped it: its first `count` migrations, 0000 recorded at `when0`. */
function earlierRelease(count: number, when0: number): string {
  const folder = mkdtempSync(path.join(tmpdir(), "sisconf-migrations-"));
  mkdirSync(path.join(folder, "meta"));
  const entries = journal.entries.slice(0, count).map((entry) => (entry.idx === 0 ? { ...entry, when: when0 } : entry));
  writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const entry of entries)
    copyFileSync(path.join(migrations, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  return folder;
}

describe("upgrading a database made by an earlier release", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  async function databaseFrom(folder: string) {
    const created = await createPostgresDatabase();
    const client = postgres(created.url, { max: 1, onnotice: () => {} });
    await migrate(drizzle(client), { migrationsFolder: folder });
    cleanups.push(async () => {
      await client.end();
      await created.drop();
      rmSync(folder, { recursive: true, force: true });
    });
    return { url: created.url, client };
  }

  async function migrateToNow(url: string) {
    const database = await openDatabase({ url, dataDir: "" });
    try {
      await database.migrate();
      return await selectRows<{ product: string; provider: string }>(
        database.db,
        sql`select p.sku as product, v.key as provider from order_items i
          join products p on p.id = i.product_id join providers v on v.id = i.provider_id`,
      );
    } finally {
      await database.close();
    }
  }

  it("gives the order lines of a database made before lines kept their provider the provider of their product", async () => {
    // The first release: 0000 alone, at its first recorded time, without order_items.provider_id.
    const { url, client } = await databaseFrom(earlierRelease(1, 1_795_560_063_029));
    await client`insert into businesses (id, slug, name) values (1, 'loja', 'Loja')`;
    await client`insert into providers (id, business_id, key, name) values (1, 1, 'horta', 'Horta')`;
    await client`insert into products (id, business_id, sku, name, unit, price_cents, provider_id)
      values (1, 1, 'tomate', 'Tomate', 'kg', 799, 1)`;
    await client`insert into customers (id, business_id, phone) values (1, 1, '5584999990001')`;
    await client`insert into batches (id, business_id, number) values (1, 1, 1)`;
    await client`insert into orders (id, business_id, number, customer_id, batch_id) values (1, 1, 1, 1, 1)`;
    await client`insert into order_items (order_id, product_id, quantity_milli, unit_price_cents, total_cents)
      values (1, 1, 2000, 799, 1598)`;
    expect(await migrateToNow(url)).toEqual([{ product: "tomate", provider: "horta" }]);
  });

  it("leaves a database that already had the column (0000 as first changed) as it is", async () => {
    const { url, client } = await databaseFrom(earlierRelease(3, 1_795_564_552_140));
    await client`alter table order_items add column provider_id integer not null
      constraint order_items_provider_id_providers_id_fk references providers (id)`;
    expect(await migrateToNow(url)).toEqual([]);
    const [column] = await client`select is_nullable from information_schema.columns
      where table_name = 'order_items' and column_name = 'provider_id'`;
    expect(column?.is_nullable).toBe("NO");
  });

  it("gives orders made before delivery and money was kept pickup, no fee, a pending payment and their delivery date", async () => {
    // A release of 0000 to 0004, before any delivery and money.
    const release = journal.entries.findIndex((entry) => Number(entry.tag.slice(0, 4)) > 4);
    const { url, client } = await databaseFrom(earlierRelease(release, 1_795_560_063_029));
    await client`insert into businesses (id, slug, name) values (1, 'loja', 'Loja')`;
    await client`insert into providers (id, business_id, key, name) values (1, 1, 'horta', 'Horta')`;
    await client`insert into products (id, business_id, sku, name, unit, price_cents, provider_id)
      values (1, 1, 'tomate', 'Tomate', 'kg', 750, 1)`;
    await client`insert into customers (id, business_id, phone) values (1, 1, '5584999990001')`;
    await client`insert into batches (id, business_id, number, status) values (1, 1, 1, 'delivered')`;
    await client`insert into orders (id, business_id, number, customer_id, batch_id, status, total_cents, updated_at)
      values (1, 1, 1, 1, 1, 'delivered', 1500, '2026-11-30T12:00:00Z'), (2, 1, 2, 1, 1, 'placed', 1500, now())`;
    await client`insert into order_items (order_id, product_id, provider_id, quantity_milli, unit_price_cents, total_cents)
      values (1, 1, 1, 2000, 750, 1500), (2, 1, 1, 2000, 750, 1500)`;
    await migrateToNow(url);
    const orders = await client`select id, delivery_kind, delivery_fee_cents, final_total_cents, payment_status,
        delivered_at, sisconf_order_view(id) -> 'items' -> 0 -> 'deliveredQuantityMilli' as delivered
      from orders order by id`;
    expect(
      orders.map((order) => ({
        ...order,
        delivered_at: order.delivered_at === null ? null : new Date(order.delivered_at).toISOString(),
      })),
    ).toEqual([
      {
        id: 1,
        delivery_kind: "pickup",
        delivery_fee_cents: 0,
        final_total_cents: null,
        payment_status: "pending",
        delivered_at: "2026-11-30T12:00:00.000Z",
        delivered: null,
      },
      {
        id: 2,
        delivery_kind: "pickup",
        delivery_fee_cents: 0,
        final_total_cents: null,
        payment_status: "pending",
        delivered_at: null,
        delivered: null,
      },
    ]);
  });
});
