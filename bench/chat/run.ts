/**
 * bench/chat: 200 simulated customers each place and confirm an order through POST /sim/messages against
 * `sisconf start` on PostgreSQL. Prints messages/s, p50/p99 reply latency and the server's peak RSS.
 *   npx tsx bench/chat/run.ts [customers]
 */
import { readFileSync } from "node:fs";
import { freePort } from "../../test/support/free-port.ts";
import { startPostgres } from "../../test/support/postgres-server.ts";
import { summarize } from "../support/latency.ts";
import { loadCatalog, spawnSisconf } from "../support/spawn-sisconf.ts";

const customers = Number(process.argv[2] ?? 200);
const token = "bench-token-0123456789abcdef";
const catalog = JSON.parse(readFileSync(new URL("../../../shared/spec/catalog.example.json", import.meta.url), "utf8"));
const lists = [
  "2kg de tomate e meia dúzia de ovos",
  "1 maço de coentro, 3 alfaces e 1kg de cebola",
  "quero 1,5 kg de batata e 2 litros de leite",
  "- 2kg macaxeira\n- 1kg jerimum\n- 2 maços de couve",
];

const postgres = process.env.BENCH_DATABASE_URL ? null : await startPostgres();
const server = await spawnSisconf("start", await freePort(), {
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? postgres?.url ?? "",
  API_TOKEN: token,
});
try {
  await loadCatalog(server.url, token, catalog);
  const latencies: number[] = [];
  let failures = 0;
  const say = async (from: string, text: string) => {
    const started = performance.now();
    const response = await fetch(`${server.url}/sim/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from, text }),
    });
    const body = (await response.json()) as { replies?: unknown[] };
    if (response.status === 200 && (body.replies?.length ?? 0) > 0) latencies.push(performance.now() - started);
    else failures++;
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: customers }, async (_, index) => {
      const phone = `5584955${String(index).padStart(6, "0")}`;
      await say(phone, lists[index % lists.length] ?? "2kg de tomate");
      await say(phone, "sim");
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const { p50, p99 } = summarize(latencies);
  console.log(
    `chat: ${Math.round(latencies.length / elapsed)} messages/s, p50 ${p50} ms, p99 ${p99} ms, ${latencies.length} messages, ` +
      `${failures} failures, server peak RSS ${server.peakRssMb()} MB (${customers} customers)`,
  );
} finally {
  await server.stop();
  await postgres?.stop();
}
