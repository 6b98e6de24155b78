import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { type RunningS3, startS3Server } from "../support/s3-server.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990009";

describe("drill: the S3-compatible server stops during uploads", () => {
  let s3: RunningS3;
  let system: TestSystem;
  let customers = 0;
  const admin = () => chatAs(system, ADMIN);
  const placeOrdersAndClose = async () => {
    for (const text of ["2kg de tomate", "1 dúzia de ovos"]) {
      const customer = chatAs(system, `55849750000${++customers}`);
      await customer.say(text);
      await customer.say("sim");
    }
    const [closed] = await admin().say("fechar lote");
    return Number(/Lote (\d+) fechado/.exec(closed ?? "")?.[1]);
  };
  const linesOf = async (batch: number) =>
    (await admin().transcript()).filter((line) => line.text.toLowerCase().includes(`lote ${batch}`));

  beforeAll(async () => {
    s3 = await startS3Server(["sisconf-outage"]);
    // Five tries 200 ms apart, doubling: about 3 s of retries before a sheet is reported failed.
    system = await startTestSystem("postgres", { ADMIN_PHONES: ADMIN, SHEET_JOB_BACKOFF_MS: "200", ...s3.environment });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
    await s3?.stop();
  });

  it("retries, and succeeds once the server is back, with one link per sheet", async () => {
    await s3.halt();
    const batch = await placeOrdersAndClose();
    await new Promise((resolve) => setTimeout(resolve, 700));
    await s3.resume();
    const lines = await eventually(async () => {
      const found = await linesOf(batch);
      return found.some((line) => line.text.includes("Todas as 3 planilhas")) && found;
    }, 20_000);
    expect(lines.filter((line) => line.document)).toHaveLength(3);
    expect(lines.some((line) => line.text.includes("Não consegui"))).toBe(false);
  });

  it("says clearly in chat when the last try failed, and 'refazer planilhas' makes them once it is back", async () => {
    await s3.halt();
    const batch = await placeOrdersAndClose();
    const failed = await eventually(async () => {
      const found = await linesOf(batch);
      return found.some((line) => line.text.includes("3 com falha")) && found;
    }, 20_000);
    const reports = failed.filter((line) => line.text.startsWith("⚠️ Não consegui gerar a planilha"));
    expect(reports).toHaveLength(3);
    expect(reports[0]?.text).toContain("refazer planilhas");

    await s3.resume();
    expect((await admin().say("refazer planilhas"))[0]).toBe(`Tentando de novo 3 planilhas do lote ${batch}.`);
    const lines = await eventually(async () => {
      const found = await linesOf(batch);
      return found.some((line) => line.text.includes("Todas as 3 planilhas")) && found;
    }, 20_000);
    expect(lines.filter((line) => line.document)).toHaveLength(3);
    const { body } = await system.request("GET", "/api/v1/batches");
    const closed = body.batches.find((item: { number: number }) => item.number === batch);
    expect(closed.sheets.every((sheet: { status: string }) => sheet.status === "ready")).toBe(true);
  });
});
