import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { DATABASE_KINDS } from "../support/test-database.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990066";
const HORTIFRUTI = "5584988880001";

describe.each(DATABASE_KINDS)("sheets sent again, and to the providers, on %s", (kind) => {
  let system: TestSystem;
  let batchNumber = 0;

  beforeAll(async () => {
    system = await startTestSystem(kind, { ADMIN_PHONES: ADMIN, BUSINESS_NAME: "Horta da Ana" });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
    const customer = chatAs(system, "5584988100001", "Rui");
    await customer.say("2kg de tomate e 1 pacote de arroz");
    await customer.say("sim");
    const [closed] = await chatAs(system, ADMIN).say("fechar lote");
    batchNumber = Number(closed?.match(/Lote (\d+) fechado/)?.[1]);
    await eventually(async () =>
      (await chatAs(system, ADMIN).transcript()).some((line) => line.text.includes(`planilhas do lote ${batchNumber}`)),
    );
  });
  afterAll(async () => {
    await system?.close();
  });

  it("sends a batch's sheet links again, fresh, and says so of a batch that does not exist", async () => {
    const [links] = await chatAs(system, ADMIN).say(`planilhas lote ${batchNumber}`);
    expect(links).toContain(`📄 Planilhas do lote ${batchNumber} (links novos):`);
    expect(links).toContain("• Hortifruti Sertão: http");
    const url = links?.match(/Hortifruti Sertão: (\S+)/)?.[1] ?? "";
    expect((await fetch(url)).status).toBe(200);
    expect(await chatAs(system, ADMIN).say("planilhas lote 999")).toEqual(["Não encontrei o lote 999."]);
  });

  it("reads the packing workbook sent back with Entregue filled, and records it on sim", async () => {
    const [links] = await chatAs(system, ADMIN).say(`planilhas lote ${batchNumber}`);
    const url = links?.match(/Consolidada: (\S+)/)?.[1] ?? "";
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await fetch(url)).arrayBuffer());
    const sheet = workbook.getWorksheet("Pedidos");
    if (!sheet) throw new Error("the packing workbook has no Pedidos sheet");
    // Columns found by their headers, as a person filling it in would.
    let product = 0;
    let delivered = 0;
    sheet.eachRow((row) => {
      const cells = row.values as unknown[];
      if (cells.includes("Entregue")) {
        product = cells.indexOf("Produto");
        delivered = cells.indexOf("Entregue");
      } else if (product > 0 && row.getCell(product).value === "Tomate") {
        row.getCell(delivered).value = 2.15;
      }
    });
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const { body } = await system.request(
      "POST",
      "/sim/messages",
      { from: ADMIN, document: { filename: "separacao.xlsx", content: bytes.toString("base64") } },
      null,
    );
    const preview = body.replies[0].text;
    expect(preview).toContain(`📦 Planilha de separação do lote ${batchNumber}:`);
    expect(preview).toMatch(/• Pedido #\d+: 1 item muda, total final R\$ [\d,]+/);
    expect(await chatAs(system, ADMIN).say("sim")).toEqual([
      `✅ Quantidades entregues do lote ${batchNumber} registradas (1 pedido).`,
    ]);
    const { body: orders } = await system.request("GET", "/api/v1/orders?phone=5584988100001");
    const tomate = orders.orders[0].items.find((item: { sku: string }) => item.sku === "tomate");
    expect(tomate.deliveredQuantity).toBe(2.15);
  });

  it("sends each provider with a phone its sheet once, and tells the entrepreneur a line per provider", async () => {
    // Sheet links may reach the entrepreneur in the same moment: the report is the reply that lists the providers.
    const report = (await chatAs(system, ADMIN).say("enviar aos fornecedores")).find((text) => text.includes("📤"));
    expect(report).toContain(`📤 Planilhas do lote ${batchNumber} aos fornecedores:`);
    expect(report).toContain("• Hortifruti Sertão: enviada");
    expect(report).toContain("• Mercearia Central: sem telefone cadastrado");
    const sheet = await eventually(async () =>
      (await chatAs(system, HORTIFRUTI).transcript()).find((line) => line.document),
    );
    expect(sheet.text).toBe(`Olá, Hortifruti Sertão! Segue o pedido de Horta da Ana do lote ${batchNumber}.`);
    expect(sheet.document?.filename).toMatch(/\.xlsx$/);

    const again = (await chatAs(system, ADMIN).say("enviar aos fornecedores")).find((text) => text.includes("📤"));
    expect(again).toContain("• Hortifruti Sertão: já tinha sido enviada");
    expect((await chatAs(system, HORTIFRUTI).transcript()).filter((line) => line.document)).toHaveLength(1);
  });
});

describe.each(DATABASE_KINDS)("SEND_TO_PROVIDERS=true on %s", (kind) => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem(kind, { ADMIN_PHONES: ADMIN, SEND_TO_PROVIDERS: "true" });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
  });

  it("sends each provider its sheet once it is ready after the close, and not again on request", async () => {
    const customer = chatAs(system, "5584988100002", "Lia");
    await customer.say("2kg de tomate");
    await customer.say("sim");
    const [closed] = await chatAs(system, ADMIN).say("fechar lote");
    const batchNumber = Number(closed?.match(/Lote (\d+) fechado/)?.[1]);
    const sheet = await eventually(async () =>
      (await chatAs(system, HORTIFRUTI).transcript()).find((line) => line.document),
    );
    expect(sheet.text).toBe(`Olá, Hortifruti Sertão! Segue o pedido de SISCONF do lote ${batchNumber}.`);
    // The sheets' own links may reach the entrepreneur in the same moment: the report is among the replies.
    const replies = await chatAs(system, ADMIN).say("enviar aos fornecedores");
    expect(replies.join("\n")).toContain("• Hortifruti Sertão: já tinha sido enviada");
  });
});
