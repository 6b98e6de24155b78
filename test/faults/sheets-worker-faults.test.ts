import { randomBytes } from "node:crypto";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type SpawnedSisconf, spawnSisconf } from "../../bench/support/spawn-sisconf.ts";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { freePort } from "../support/free-port.ts";
import { type RunningS3, startS3Server } from "../support/s3-server.ts";
import { seedOrders } from "../support/seed-orders.ts";
import { createPostgresDatabase } from "../support/test-database.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990009";

/**
 * The API and bot run in the test; sheets workers run as real `sisconf sheets` processes, so they can be killed.
 * A big batch (3,000 orders) keeps the consolidated workbook busy long enough to stop a worker in the middle of it.
 */
describe("drills: sheets workers stopped in the middle of a workbook", () => {
  let s3: RunningS3;
  let database: { url: string; drop: () => Promise<void> };
  let system: TestSystem;
  let environment: Record<string, string>;
  const workers: SpawnedSisconf[] = [];

  const startWorker = async () => {
    const worker = await spawnSisconf("sheets", await freePort(), environment);
    workers.push(worker);
    return worker;
  };
  const sheetStatus = async (kind: string) => {
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql`select status from sheets where kind = ${kind} order by id desc limit 1`;
      return rows[0]?.status as string | undefined;
    } finally {
      await sql.end();
    }
  };
  const s3Keys = async () => {
    const client = s3.client();
    const listed = await client.send(new ListObjectsV2Command({ Bucket: "sisconf-workers" }));
    return (listed.Contents ?? []).map((object) => object.Key ?? "").sort();
  };
  let seeded = 0;
  /** Closes a batch of 3,000 new orders; returns its number. */
  const closeBigBatch = async () => {
    await seedOrders(database.url, 3000, 5, `5584${++seeded}`);
    const [reply] = await chatAs(system, ADMIN).say("fechar lote");
    const closed = /Lote (\d+) fechado: 3000 pedidos/.exec(reply ?? "");
    expect(closed, reply).not.toBeNull();
    return Number(closed?.[1]);
  };
  const linksOfBatch = async (number: number) => {
    const lines = await chatAs(system, ADMIN).transcript();
    return lines.filter((line) => line.document && line.text.includes(`lote ${number}:`));
  };

  beforeAll(async () => {
    s3 = await startS3Server(["sisconf-workers"]);
    database = await createPostgresDatabase();
    environment = {
      DATABASE_URL: database.url,
      REDIS_URL: inject("redisUrl"),
      QUEUE_PREFIX: `drill-${randomBytes(4).toString("hex")}`,
      SHEET_JOB_LOCK_MS: "2000",
      SHEET_JOB_BACKOFF_MS: "200",
      SHEETS_CONCURRENCY: "1",
      ADMIN_PHONES: ADMIN,
      ...s3.environment,
    };
    system = await startTestSystem("postgres", environment, ["api", "bot"]);
    expect((await system.request("PUT", "/api/v1/catalog", exampleCatalog())).status).toBe(200);
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill("SIGKILL");
    await Promise.all(workers.map((worker) => worker.stop()));
    await system?.close();
    await database?.drop();
    await s3?.stop();
  });

  it("SIGKILL: another worker takes the job over; one object and one link per sheet", { timeout: 90_000 }, async () => {
    const doomed = await startWorker();
    const batch = await closeBigBatch();
    await eventually(async () => (await sheetStatus("consolidated")) === "running", 60_000);
    doomed.child.kill("SIGKILL");
    await new Promise((resolve) => doomed.child.once("exit", resolve));
    expect(await sheetStatus("consolidated")).toBe("running");

    await startWorker();
    await eventually(async () => (await sheetStatus("consolidated")) === "ready", 60_000);
    const links = await eventually(async () => {
      const found = await linksOfBatch(batch);
      return found.length === 6 && found;
    });
    expect(new Set(links.map((line) => line.document?.filename)).size).toBe(6);
    expect((await s3Keys()).filter((key) => key.endsWith(`-${batch}.xlsx`))).toHaveLength(6);
    // No duplicate link arrives later either.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await linksOfBatch(batch)).toHaveLength(6);
  });

  it("SIGTERM: the worker finishes the workbook in hand, stores it, and exits cleanly", {
    timeout: 90_000,
  }, async () => {
    for (const worker of workers) await worker.stop();
    const worker = await startWorker();
    const batch = await closeBigBatch();
    await eventually(async () => (await sheetStatus("consolidated")) === "running", 60_000);
    worker.child.kill("SIGTERM");
    const code = await new Promise((resolve) => worker.child.once("exit", resolve));
    expect(code).toBe(0);
    expect(await sheetStatus("consolidated")).toBe("ready");
    expect((await s3Keys()).filter((key) => key.endsWith(`consolidado-${batch}.xlsx`))).toHaveLength(1);
  });
});
