import postgres from "postgres";
import { freePort } from "../../test/support/free-port.ts";
import { startPostgres } from "../../test/support/postgres-server.ts";
import { startRedis } from "../../test/support/redis-server.ts";
import { startS3Server } from "../../test/support/s3-server.ts";
import { seedOrders } from "../../test/support/seed-orders.ts";
import { loadCatalog, type SpawnedSisconf, spawnSisconf } from "../support/spawn-sisconf.ts";

const ORDERS = Number(process.argv[2] ?? 5_000);
const ITEMS = Number(process.argv[3] ?? 5);
const PROVIDERS = 20;
const TOKEN = "bench-token-0123456789abcdef";
const ADMIN = "5584999990009";

const catalog = {
  providers: Array.from({ length: PROVIDERS }, (_, index) => ({
    key: `fornecedor-${index + 1}`,
    name: `Fornecedor ${index + 1}`,
  })),
  products: Array.from({ length: PROVIDERS * 5 }, (_, index) => ({
    sku: `produto-${index + 1}`,
    name: `Produto ${index + 1}`,
    unit: index % 3 === 0 ? "kg" : "un",
    price: `${1 + (index % 30)}.${String(index % 100).padStart(2, "0")}`,
    provider: `fornecedor-${(index % PROVIDERS) + 1}`,
    category: `Categoria ${index % 7}`,
  })),
};

async function phaseSeconds(worker: SpawnedSisconf): Promise<Record<string, number>> {
  const text = await (await fetch(`${worker.url}/metrics`)).text();
  const sums: Record<string, number> = {};
  for (const match of text.matchAll(
    /^sisconf_sheet_job_duration_seconds_sum\{[^}]*phase="(\w+)"[^}]*\} ([\d.e+-]+)$/gm,
  )) {
    sums[match[1] ?? ""] = Number(match[2]);
  }
  return sums;
}

async function run(workers: number): Promise<void> {
  const [database, redis, s3] = await Promise.all([startPostgres(), startRedis(), startS3Server(["sisconf-bench"])]);
  const processes: SpawnedSisconf[] = [];
  const spawnRole = async (role: string) => {
    const spawned = await spawnSisconf(role, await freePort(), {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      API_TOKEN: TOKEN,
      ADMIN_PHONES: ADMIN,
      SHEETS_CONCURRENCY: "2",
      ...s3.environment,
      S3_BUCKET: "sisconf-bench",
      // As docker-compose.yml runs the sheets workers.
      ...(role === "sheets" ? { NODE_OPTIONS: "--max-semi-space-size=8" } : {}),
    });
    processes.push(spawned);
    return spawned;
  };
  try {
    const api = await spawnRole("core");
    await spawnRole("bot");
    const sheetWorkers = await Promise.all(Array.from({ length: workers }, () => spawnRole("sheets")));
    const headers = { "content-type": "application/json", authorization: `Bearer ${TOKEN}` };
    await loadCatalog(api.url, TOKEN, catalog);
    await seedOrders(database.url, ORDERS, ITEMS);

    const idleRss = sheetWorkers.map((worker) => worker.currentRssMb());
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const started = performance.now();
    const closed = await fetch(`${api.url}/api/v1/batches/current/close`, { method: "POST", headers });
    const closeMs = performance.now() - started;
    const { batch } = (await closed.json()) as { batch: { id: number; sheets: unknown[] } };
    const expected = batch.sheets.length;
    let linksSentMs = 0;
    for (;;) {
      const [row] = await sql`
        select count(*)::int as sent from notifications
        where status = 'sent' and payload->>'kind' = 'sheet_ready' and (payload->>'batchNumber')::int = 1`;
      if ((row?.sent ?? 0) >= expected) {
        linksSentMs = performance.now() - started;
        break;
      }
      if (performance.now() - started > 300_000) throw new Error("links did not arrive in 5 minutes");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [timing] = await sql`
      select extract(epoch from max(enqueued_at) - min(created_at)) as queued,
             extract(epoch from max(ready_at) - min(created_at)) as ready
      from sheets where batch_id = ${batch.id}`;
    await sql.end();
    const phases = (await Promise.all(sheetWorkers.map(phaseSeconds))).reduce<Record<string, number>>((total, sums) => {
      for (const [phase, seconds] of Object.entries(sums)) total[phase] = (total[phase] ?? 0) + seconds;
      return total;
    }, {});
    const round = (seconds: number) => Math.round(seconds * 100) / 100;
    console.log(
      `close, ${workers} worker${workers > 1 ? "s" : ""}: ${ORDERS} orders × ${ITEMS} items, ${expected} sheets; ` +
        `close request ${Math.round(closeMs)} ms, all sheets stored ${round(Number(timing?.ready))} s, ` +
        `last link sent ${round(linksSentMs / 1000)} s; relay to queue ${round(Number(timing?.queued))} s; ` +
        `worker time summed over jobs: load ${round(phases.load ?? 0)} s, workbook ${round(phases.workbook ?? 0)} s, ` +
        `upload ${round(phases.upload ?? 0)} s; worker RSS before closing ${idleRss.map((mb) => `${mb} MB`).join(", ")}, ` +
        `peak ${sheetWorkers.map((worker) => `${worker.peakRssMb()} MB`).join(", ")}`,
    );
  } finally {
    await Promise.all(processes.map((spawned) => spawned.stop()));
    await Promise.all([database.stop(), redis.stop(), s3.stop()]);
  }
}

await run(1);
await run(2);
