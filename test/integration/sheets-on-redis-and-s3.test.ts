import { randomBytes } from "node:crypto";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { openWorkbook } from "../support/open-workbook.ts";
import { type RunningS3, startS3Server } from "../support/s3-server.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990009";

describe("closing a batch with BullMQ on Redis and an S3-compatible store", () => {
  let s3: RunningS3;
  let system: TestSystem;

  beforeAll(async () => {
    s3 = await startS3Server(["sisconf-sheets"]);
    system = await startTestSystem("postgres", {
      ADMIN_PHONES: ADMIN,
      REDIS_URL: inject("redisUrl"),
      QUEUE_PREFIX: `test-${randomBytes(4).toString("hex")}`,
      ...s3.environment,
    });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
    await s3?.stop();
  });

  it("stores one object per sheet under PRODUCT.md's keys and sends presigned links that download", async () => {
    for (let index = 0; index < 5; index++) {
      const customer = chatAs(system, `55849870000${index}`, `Cliente ${index}`);
      await customer.say(`${index + 1}kg de tomate e ${index + 1} alfaces`);
      await customer.say("sim");
    }
    const [closed] = await chatAs(system, ADMIN).say("fechar lote");
    expect(closed).toContain("5 pedidos");

    const transcript = await eventually(async () => {
      const lines = await chatAs(system, ADMIN).transcript();
      return lines.some((line) => line.text.includes("Todas as 2 planilhas")) && lines;
    });
    const documents = transcript.flatMap((line) => (line.document ? [line.document] : []));
    expect(documents.map((document) => document.filename).sort()).toEqual([
      "consolidado-1.xlsx",
      "hortifruti-sertao-1.xlsx",
    ]);

    const client = s3.client();
    const listed = await client.send(new ListObjectsV2Command({ Bucket: "sisconf-sheets" }));
    const batch = (await system.request("GET", "/api/v1/batches")).body.batches.find(
      (item: { number: number }) => item.number === 1,
    );
    expect((listed.Contents ?? []).map((object) => object.Key).sort()).toEqual([
      `batches/${batch.id}/consolidado-1.xlsx`,
      `batches/${batch.id}/hortifruti-sertao-1.xlsx`,
    ]);

    for (const document of documents) {
      expect(document.url).toContain("X-Amz-Signature");
      const response = await fetch(document.url);
      expect(response.status).toBe(200);
      const workbook = await openWorkbook(await response.arrayBuffer());
      expect(workbook.worksheets.length).toBeGreaterThan(0);
    }

    const stored = await client.send(
      new GetObjectCommand({ Bucket: "sisconf-sheets", Key: `batches/${batch.id}/hortifruti-sertao-1.xlsx` }),
    );
    const workbook = await openWorkbook((await stored.Body?.transformToByteArray()) ?? new Uint8Array());
    const sheet = workbook.getWorksheet("Pedido");
    const totalRow = sheet?.getRow(sheet.rowCount);
    // At cost: Tomate 15 kg × 5.25 + Alface 15 un × 2.10
    expect(totalRow?.getCell(1).value).toBe("Total");
    expect(totalRow?.getCell(5).value).toBe(78.75 + 31.5);
  });
});
