/**
 * bench/core: orders confirmed over HTTP by 50 concurrent clients for 20 s against `sisconf core` on PostgreSQL,
 * then on PGlite. Prints orders/s, p50/p99 latency and the server's peak RSS.
 *   npx tsx bench/core/run.ts [seconds] [clients]
 */
import { readFileSync } from "node:fs";
import { freePort } from "../../test/support/free-port.ts";
import { startPostgres } from "../../test/support/postgres-server.ts";
import { summarize } from "../support/latency.ts";
import { loadCatalog, spawnSisconf } from "../support/spawn-sisconf.ts";

const seconds = Number(process.argv[2] ?? 20);
const clients = Number(process.argv[3] ?? 50);
const token = "bench-token-0123456789abcdef";
const catalog = JSON.parse(readFileSync(new URL("../../../shared/spec/catalog.example.json", import.meta.url), "utf8"));
const skus: string[] = catalog.products.map((product: { sku: string }) => product.sku);

async function run(label: string, environment: Record<string, string>) {
  const server = await spawnSisconf("core", await freePort(), { ...environment, API_TOKEN: token });
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  try {
    await loadCatalog(server.url, token, catalog);
    const latencies: number[] = [];
    let failures = 0;
    let sequence = 0;
    const deadline = Date.now() + seconds * 1000;
    const client = async (clientIndex: number) => {
      while (Date.now() < deadline) {
        const customer = sequence++;
        const phone = `5584${String(clientIndex).padStart(3, "0")}${String(customer).padStart(6, "0")}`;
        const items = [0, 1, 2].map((offset) => ({
          sku: skus[(customer + offset * 7) % skus.length],
          quantity: 1 + (offset % 2),
        }));
        const started = performance.now();
        const response = await fetch(`${server.url}/api/v1/orders`, {
          method: "POST",
          headers,
          body: JSON.stringify({ phone, items }),
        });
        await response.arrayBuffer();
        if (response.status === 201) latencies.push(performance.now() - started);
        else failures++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
    const elapsed = (performance.now() - started) / 1000;
    const { p50, p99 } = summarize(latencies);
    console.log(
      `${label}: ${Math.round(latencies.length / elapsed)} orders/s, p50 ${p50} ms, p99 ${p99} ms, ` +
        `${latencies.length} orders, ${failures} failures, server peak RSS ${server.peakRssMb()} MB (${clients} clients, ${seconds} s)`,
    );
  } finally {
    await server.stop();
  }
}

const postgres = process.env.BENCH_DATABASE_URL ? null : await startPostgres();
try {
  await run("postgres", { DATABASE_URL: process.env.BENCH_DATABASE_URL ?? postgres?.url ?? "" });
  await run("pglite", {});
} finally {
  await postgres?.stop();
}
