import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type SpawnedSisconf, spawnSisconf } from "../../bench/support/spawn-sisconf.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { freePort } from "../support/free-port.ts";
import { createPostgresDatabase } from "../support/test-database.ts";

const TOKEN = "restart-token-0123456789abcdef";
const CUSTOMERS = 40;

/**
 * The whole system (`sisconf start`, a real process) gets SIGTERM while customers are ordering, and is started
 * again. Each customer's client does what WhatsApp does with a message nobody acknowledged: it delivers it again,
 * with the same id, until it is answered.
 */
describe("drill: the whole system is SIGTERMed under load and restarted", () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataDir: string;
  let port: number;
  let server: SpawnedSisconf | null = null;
  const environment = () => ({ DATABASE_URL: database.url, DATA_DIR: dataDir, API_TOKEN: TOKEN });

  beforeAll(async () => {
    database = await createPostgresDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), "sisconf-restart-"));
    port = await freePort();
    server = await spawnSisconf("start", port, environment());
    await loadCatalog(server.url, TOKEN, exampleCatalog());
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers every message once: acknowledged ones before the stop, the others when delivered again after it", {
    timeout: 120_000,
  }, async () => {
    const url = `http://127.0.0.1:${port}`;
    let acknowledgedBeforeStop = 0;
    let stopped = false;
    const deliver = async (from: string, text: string, id: string): Promise<string[]> => {
      for (;;) {
        try {
          const response = await fetch(`${url}/sim/messages`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ from, text, id }),
          });
          if (response.status === 200) {
            if (!stopped) acknowledgedBeforeStop++;
            return ((await response.json()) as { replies: { text: string }[] }).replies.map((reply) => reply.text);
          }
        } catch {
          // Not listening: stopping or not started again yet.
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const customer = async (index: number) => {
      const phone = `55849660${String(index).padStart(5, "0")}`;
      await new Promise((resolve) => setTimeout(resolve, index * 25));
      await deliver(phone, `${1 + (index % 3)}kg de tomate`, `restart-${index}-order`);
      await deliver(phone, "sim", `restart-${index}-confirm`);
    };
    const traffic = Promise.all(Array.from({ length: CUSTOMERS }, (_, index) => customer(index)));

    await new Promise((resolve) => setTimeout(resolve, 500));
    stopped = true;
    const current = server;
    if (!current) throw new Error("no server");
    const exit = new Promise<number | null>((resolve) => current.child.once("exit", (code) => resolve(code)));
    current.child.kill("SIGTERM");
    expect(await exit).toBe(0);
    server = await spawnSisconf("start", port, environment());
    await traffic;
    expect(acknowledgedBeforeStop).toBeGreaterThan(0);

    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const inbound = await sql`select message_id, handled_at from inbound_messages where message_id like 'restart-%'`;
      expect(inbound).toHaveLength(CUSTOMERS * 2);
      expect(inbound.every((row) => row.handled_at !== null)).toBe(true);
      const orders = await sql`
        select c.phone, sum(i.quantity_milli)::int as quantity, count(distinct o.id)::int as orders
        from orders o join customers c on c.id = o.customer_id join order_items i on i.order_id = o.id
        group by c.phone order by c.phone`;
      expect(orders).toHaveLength(CUSTOMERS);
      for (const [index, row] of orders.entries()) {
        expect(row.orders).toBe(1);
        expect(row.quantity).toBe(1000 * (1 + (index % 3)));
      }
      const replies = await sql`select count(*)::int as count from notifications where dedupe_key like 'reply:%'`;
      // Each: the summary, the confirmation, and the delivery-or-pickup question a first order brings.
      expect(replies[0]?.count).toBe(CUSTOMERS * 3);
    } finally {
      await sql.end();
    }
  });
});
