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

/** Every row of a sheet as plain values. */
function values(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from((row.values as unknown[]).slice(1), (value) => value ?? null));
  });
  return rows;
}

/** The table's rows as objects keyed by header: the header is the first row whose first cell is `first`. */
function rows(sheet: ExcelJS.Worksheet, first = "Produto"): Record<string, unknown>[] {
  const all = values(sheet);
  const header = all.findIndex((row) => row[0] === first);
  const labels = (all[header] ?? []).map(String);
  return all.slice(header + 1).map((row) => Object.fromEntries(labels.map((label, index) => [label, row[index]])));
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
    // Titled with the provider and the batch; priced at the catalog's cost, never at the selling price.
    expect(values(pedido as ExcelJS.Worksheet).slice(0, 3)).toEqual([["SISCONF"], ["Hortifruti Sertão"], ["Lote 1"]]);
    const providerRows = rows(pedido as ExcelJS.Worksheet);
    expect(providerRows).toContainEqual(
      expect.objectContaining({
        Produto: "Tomate",
        Unidade: "kg",
        Quantidade: 3.5,
        "Custo unitário": 5.25,
        Total: 18.38,
      }),
    );
    expect(providerRows).toContainEqual(expect.objectContaining({ Produto: "Coentro", Quantidade: 1, Total: 1.75 }));
    expect(providerRows.at(-1)).toEqual(expect.objectContaining({ Produto: "Total", Total: 20.13 }));
    expect(Object.keys(providerRows[0] ?? {})).not.toContain("Preço unitário");

    const consolidated = await download(byName.get("consolidado-1.xlsx") ?? "");
    expect(consolidated.worksheets.map((sheet) => sheet.name)).toEqual(["Resumo", "Mapa", "Pedidos"]);
    const summary = rows(consolidated.getWorksheet("Resumo") as ExcelJS.Worksheet);
    expect(summary).toContainEqual(
      expect.objectContaining({ Produto: "Tomate", Quantidade: 3.5, Total: 26.25, Fornecedor: "Hortifruti Sertão" }),
    );
    const map = rows(consolidated.getWorksheet("Mapa") as ExcelJS.Worksheet, "Pedido");
    const orders = (await system.request("GET", "/api/v1/orders?batch=1")).body.orders;
    expect(map.map((row) => row.Pedido)).toEqual(orders.map((order: { number: number }) => `#${order.number}`).sort());
    expect(map.every((row) => row.Cliente === "Ana")).toBe(true);
    const packing = values(consolidated.getWorksheet("Pedidos") as ExcelJS.Worksheet);
    for (const order of orders) {
      const start = packing.findIndex((row) => row[0] === `#${order.number}` && typeof row[3] !== "number");
      expect(packing[start]?.[1]).toMatch(/^Ana — \+55 \(84\) 98800-000\d$/);
      const end = packing.findIndex((row, index) => index > start && row[1] === "Total do pedido");
      expect(packing[end]?.[6]).toBe(Number(order.total));
      const items = packing.slice(start, end).filter((row) => typeof row[3] === "number");
      // Entregue starts equal to Quantidade.
      const byName = (left: unknown[], right: unknown[]) => String(left[0]).localeCompare(String(right[0]));
      expect(items.map((row) => [row[1], row[3], row[4]]).sort(byName)).toEqual(
        order.items
          .map((each: { name: string; quantity: string }) => [each.name, Number(each.quantity), Number(each.quantity)])
          .sort(byName),
      );
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
