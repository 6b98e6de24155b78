import { randomBytes } from "node:crypto";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import type { InterruptibleService } from "../support/postgres-server.ts";
import { startRedis } from "../support/redis-server.ts";
import { type RunningS3, startS3Server } from "../support/s3-server.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990009";

describe("drill: Redis stops between a batch close and its jobs, then comes back", () => {
  let redis: InterruptibleService;
  let s3: RunningS3;
  let system: TestSystem;

  beforeAll(async () => {
    redis = await startRedis();
    s3 = await startS3Server(["sisconf-drill"]);
    system = await startTestSystem("postgres", {
      ADMIN_PHONES: ADMIN,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `drill-${randomBytes(4).toString("hex")}`,
      ...s3.environment,
    });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
    await redis?.stop();
    await s3?.stop();
  });

  it("produces every sheet once after Redis returns", async () => {
    for (const [index, text] of ["2kg de tomate", "1 dúzia de ovos", "1 abacaxi"].entries()) {
      const customer = chatAs(system, `558497600000${index}`);
      await customer.say(text);
      await customer.say("sim");
    }
    await redis.halt();
    const admin = chatAs(system, ADMIN);
    expect((await admin.say("fechar lote"))[0]).toContain("3 pedidos");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const waiting = (await system.request("GET", "/api/v1/batches")).body.batches[1];
    expect(waiting.sheets.every((sheet: { status: string }) => sheet.status !== "ready")).toBe(true);

    await redis.resume();
    const transcript = await eventually(async () => {
      const lines = await admin.transcript();
      return lines.some((line) => line.text.includes("Todas as 4 planilhas")) && lines;
    }, 30_000);
    const filenames = transcript.flatMap((line) => (line.document ? [line.document.filename] : [])).sort();
    expect(filenames).toEqual([
      "consolidado-1.xlsx",
      "frutas-do-vale-1.xlsx",
      "granja-boa-vista-1.xlsx",
      "hortifruti-sertao-1.xlsx",
    ]);

    const client = s3.client();
    const listed = await client.send(new ListObjectsV2Command({ Bucket: "sisconf-drill" }));
    expect(listed.Contents?.length).toBe(4);
  });
});
