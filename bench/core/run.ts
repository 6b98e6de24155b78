/**
 * bench/core: orders confirmed over HTTP (POST /api/v1/orders) by 50 clients against `sisconf core` on PostgreSQL,
 * then on PGlite. After a warm-up that is not counted (a few seconds paced at the target rate):
 *  - at rate: the clients send 1,000 orders/s between them on a fixed schedule for the run's seconds; latency counts
 *    from when each order was due, so a server falling behind is charged for it (PostgreSQL only);
 *  - capacity: each client sends its next order as soon as the last is answered: the most orders/s, and the latency
 *    at that saturation.
 * Prints orders/s, p50/p99 latency and the server's peak RSS.
 *   npx tsx bench/core/run.ts [seconds] [clients] [rate]
 */
import { exampleCatalog } from "../../test/support/example-catalog.ts";
import { freePort } from "../../test/support/free-port.ts";
import { startPostgres } from "../../test/support/postgres-server.ts";
import { closedLoop, formatResult, jsonClient, paced, type Send } from "../support/load.ts";
import { loadCatalog, spawnSisconf } from "../support/spawn-sisconf.ts";

const seconds = Number(process.argv[2] ?? 20);
const clients = Number(process.argv[3] ?? 50);
const rate = Number(process.argv[4] ?? 1000);
const warmUpSeconds = 5;
const token = "bench-token-0123456789abcdef";
const catalog = exampleCatalog();
const skus = catalog.products.map((product) => String(product.sku));

async function run(label: string, environment: Record<string, string>, atRate: boolean) {
  const server = await spawnSisconf("core", await freePort(), { ...environment, API_TOKEN: token });
  try {
    await loadCatalog(server.url, token, catalog);
    const http = jsonClient(server.url, clients, { authorization: `Bearer ${token}` });
    let customers = 0;
    // Every order is a new customer's, of three products spread over the catalog.
    const placeOrder: Send = async (client) => {
      const customer = customers++;
      const phone = `5584${String(client).padStart(3, "0")}${String(customer).padStart(6, "0")}`;
      const items = [0, 1, 2].map((offset) => ({
        sku: skus[(customer + offset * 7) % skus.length],
        quantity: 1 + (offset % 2),
      }));
      return (await http.post("/api/v1/orders", { phone, items })).status === 201;
    };
    await paced("warm-up", clients, atRate ? rate : rate / 10, warmUpSeconds, placeOrder);
    if (atRate)
      console.log(formatResult(await paced(`${label} at ${rate}/s`, clients, rate, seconds, placeOrder), "orders"));
    console.log(formatResult(await closedLoop(`${label} capacity`, clients, seconds, placeOrder), "orders"));
    console.log(`${label}: server peak RSS ${server.peakRssMb()} MB (${clients} clients, ${seconds} s per run)`);
  } finally {
    await server.stop();
  }
}

const postgres = process.env.BENCH_DATABASE_URL ? null : await startPostgres();
try {
  await run("postgres", { DATABASE_URL: process.env.BENCH_DATABASE_URL ?? postgres?.url ?? "" }, true);
  await run("pglite", {}, false);
} finally {
  await postgres?.stop();
}
