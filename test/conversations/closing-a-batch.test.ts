import type ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { openWorkbook } from "../support/open-workbook.ts";
import { DATABASE_KINDS } from "../support/test-database.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990009";

async function download(url: string): Promise<ExcelJS.Workbook> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return openWorkbook(await response.arrayBuffer());
}

/** The data rows of a sheet as objects keyed by header, without the Total row. */
function rows(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const result: Record<string, unknown>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values = (row.values as unknown[]).slice(1);
    result.push(Object.fromEntries(headers.map((header, index) => [header, values[index]])));
  });
  return result;
}

describe.each(DATABASE_KINDS)("closing a batch in chat on %s (in-process jobs, local disk)", (kind) => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem(kind, { ADMIN_PHONES: ADMIN });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
  });

  it("sends each sheet's link to the admin once, and every link downloads a workbook matching the orders", async () => {
    const ana = chatAs(system, "5584988000001", "Ana");
    const outraAna = chatAs(system, "5584988000002", "Ana");
    await ana.say("2kg de tomate, meia dúzia de ovos e 1 maço de coentro");
    await ana.say("sim");
    await outraAna.say("1,5kg de tomate e 2 abacaxis");
    await outraAna.say("sim");

    const admin = chatAs(system, ADMIN);
    const [closed] = await admin.say("fechar lote");
    expect(closed).toContain("2 pedidos");
    const transcript = await eventually(async () => {
      const lines = await admin.transcript();
      return lines.some((line) => line.text.includes("planilhas do lote")) && lines;
    });
    const links = transcript.filter((line) => line.document);
    expect(links.map((line) => line.document?.filename).sort()).toEqual([
      "consolidado-1.xlsx",
      "frutas-do-vale-1.xlsx",
      "granja-boa-vista-1.xlsx",
      "hortifruti-sertao-1.xlsx",
    ]);
    expect(transcript.filter((line) => line.text.includes("Todas as 4 planilhas"))).toHaveLength(1);

    const byName = new Map(links.map((line) => [line.document?.filename, line.document?.url ?? ""]));
    const hortifruti = await download(byName.get("hortifruti-sertao-1.xlsx") ?? "");
    const pedido = hortifruti.getWorksheet("Pedido");
    expect(pedido).toBeDefined();
    const providerRows = rows(pedido as ExcelJS.Worksheet);
    expect(providerRows).toContainEqual(
      expect.objectContaining({
        Produto: "Tomate",
        Unidade: "kg",
        Quantidade: 3.5,
        "Preço unitário": 7.5,
        Total: 26.25,
      }),
    );
    expect(providerRows).toContainEqual(expect.objectContaining({ Produto: "Coentro", Quantidade: 1, Total: 2.5 }));
    expect(providerRows.at(-1)).toEqual(expect.objectContaining({ Produto: "Total", Total: 28.75 }));

    const consolidated = await download(byName.get("consolidado-1.xlsx") ?? "");
    const names = consolidated.worksheets.map((sheet) => sheet.name);
    expect(names[0]).toBe("Resumo");
    expect(names.slice(1)).toHaveLength(2);
    expect(new Set(names).size).toBe(names.length);
    const orders = (await system.request("GET", "/api/v1/orders?batch=1")).body.orders;
    for (const order of orders) {
      const sheet = consolidated.worksheets.find((candidate) => candidate.name.startsWith(`#${order.number} `));
      expect(sheet).toBeDefined();
      const orderRows = rows(sheet as ExcelJS.Worksheet);
      expect(orderRows.at(-1)?.Total).toBe(Number(order.total));
    }
  });

  it("records every sheet as ready with its link on the batch", async () => {
    const { body } = await system.request("GET", "/api/v1/batches/1");
    expect(body.sheets).toHaveLength(4);
    expect(
      body.sheets.every(
        (sheet: { status: string; url: string }) => sheet.status === "ready" && sheet.url.includes("/files/"),
      ),
    ).toBe(true);
  });

  it("refuses a tampered or expired link", async () => {
    const { body } = await system.request("GET", "/api/v1/batches/1");
    const url = new URL(body.sheets[0].url);
    url.searchParams.set("signature", "0".repeat(64));
    expect((await fetch(url)).status).toBe(403);
  });

  it("answers an empty batch with a clear message and makes no sheets", async () => {
    const admin = chatAs(system, ADMIN);
    expect(await admin.say("fechar lote")).toEqual(["O lote aberto não tem pedidos; nada para fechar."]);
    const { body } = await system.request("GET", "/api/v1/batches");
    expect(body.batches[0]).toMatchObject({ status: "open", sheets: [] });
  });

  it("says there is nothing to redo when no sheet failed", async () => {
    expect(await chatAs(system, ADMIN).say("refazer planilhas")).toEqual(["Não há planilhas com falha para refazer."]);
    expect((await system.request("POST", "/api/v1/batches/1/sheets/retry")).status).toBe(409);
  });
});
