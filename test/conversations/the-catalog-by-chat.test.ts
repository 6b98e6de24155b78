import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { DATABASE_KINDS } from "../support/test-database.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990077";

/** A price spreadsheet as the entrepreneur keeps it: the import columns, one product per row. */
async function priceWorkbook(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Preços");
  sheet.addRow(["sku", "name", "unit", "price", "provider"]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(DATABASE_KINDS)("the catalog by chat, on %s", (kind) => {
  let system: TestSystem;
  let phoneCounter = 0;
  const newCustomer = () => chatAs(system, `55849884${String(++phoneCounter).padStart(5, "0")}`, "Bia");
  const admin = () => chatAs(system, ADMIN);
  let sequence = 0;
  /** Sends a document through the simulator as the entrepreneur; answers the bot's replies. */
  const sendDocument = async (filename: string, bytes: Buffer, from = ADMIN): Promise<string[]> => {
    const { status, body } = await system.request(
      "POST",
      "/sim/messages",
      { from, id: `doc-${++sequence}`, document: { filename, content: bytes.toString("base64") } },
      null,
    );
    expect(status).toBe(200);
    return body.replies.map((reply: { text: string }) => reply.text);
  };
  const catalogPrice = async (sku: string) => {
    const { body } = await system.request("GET", "/api/v1/catalog");
    return body.products.find((product: { sku: string }) => product.sku === sku);
  };

  beforeAll(async () => {
    system = await startTestSystem(kind, { ADMIN_PHONES: ADMIN, BOT_MESSAGES_PER_MINUTE: "1000" });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
  });

  it("shows what a price spreadsheet changes, applies it on sim, and the customer's next summary has the new price", async () => {
    const workbook = await priceWorkbook([
      ["tomate", "Tomate", "kg", "8,50", "hortifruti-sertao"],
      ["cebola", "Cebola", "kg", "5,90", "hortifruti-sertao"],
    ]);
    const [preview] = await sendDocument("precos.xlsx", workbook);
    expect(preview).toContain("📋 Esta planilha muda o catálogo assim:");
    expect(preview).toContain("*Preços (1):* Tomate R$ 7,50 → R$ 8,50");
    expect(preview).toContain("*Fora da planilha (38):*");
    expect(preview).toContain("*SUBSTITUIR*");
    expect((await catalogPrice("tomate")).price).toBe("7.50");

    const [applied] = await admin().say("sim");
    expect(applied).toContain("✅ Catálogo atualizado.");
    expect(applied).toContain("Tomate R$ 7,50 → R$ 8,50");
    // A merge keeps what the file lacks.
    expect((await catalogPrice("morango")).active ?? true).toBe(true);

    const [summary] = await newCustomer().say("2kg de tomate");
    expect(summary).toContain("• 2 kg de Tomate — R$ 17,00");
  });

  it("deactivates what the spreadsheet lacks only on substituir", async () => {
    const workbook = await priceWorkbook([["tomate", "Tomate", "kg", "8,50", "hortifruti-sertao"]]);
    await sendDocument("so-tomate.xlsx", workbook);
    expect((await admin().say("não"))[0]).toBe("Tudo bem, descartei a planilha. Nada mudou.");
    expect((await admin().say("sim"))[0]).not.toContain("Catálogo atualizado");
    expect(await catalogPrice("cebola")).toBeDefined();

    await sendDocument("so-tomate.xlsx", workbook);
    const [replaced] = await admin().say("substituir");
    expect(replaced).toContain("✅ Catálogo atualizado.");
    expect(replaced).toContain("39 produtos desativados.");
    expect(await catalogPrice("cebola")).toBeUndefined();
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });

  it("refuses a CSV with 5,90 unquoted, naming its row, and changes nothing", async () => {
    const csv = Buffer.from(
      "sku,name,unit,price,provider\ntomate,Tomate,kg,7.50,hortifruti-sertao\ncebola,Cebola,kg,5,90,hortifruti-sertao\n",
    );
    const [refused] = await sendDocument("precos.csv", csv);
    expect(refused).toContain("Não consegui usar _precos.csv_ como catálogo, e nada mudou:");
    expect(refused).toContain(
      'a linha 3 tem um número de colunas diferente do cabeçalho (um preço com vírgula num arquivo separado por vírgulas vai entre aspas: "5,90")',
    );
    expect((await admin().say("sim"))[0]).not.toContain("Catálogo atualizado");
    expect((await catalogPrice("cebola")).price).toBe("5.90");
  });

  it("refuses a spreadsheet with a bad price, naming its row and column, and changes nothing", async () => {
    const workbook = await priceWorkbook([
      ["tomate", "Tomate", "kg", "8,50", "hortifruti-sertao"],
      ["cebola", "Cebola", "kg", "8,5O", "hortifruti-sertao"],
    ]);
    const [refused] = await sendDocument("precos.xlsx", workbook);
    expect(refused).toContain("a linha 3 tem um valor que não serve na coluna price.");
    expect((await admin().say("sim"))[0]).not.toContain("Catálogo atualizado");
    expect((await catalogPrice("tomate")).price).not.toBe("8.50");
  });

  it("refuses a document that is not a catalog, and answers a customer's document and voice note politely", async () => {
    const [refused] = await sendDocument("foto.pdf", Buffer.from("%PDF-1.4 not a sheet"));
    expect(refused).toContain("não é uma planilha .xlsx ou .csv que eu consiga ler.");
    const customer = newCustomer();
    expect(await sendDocument("lista.xlsx", await priceWorkbook([]), customer.phone)).toEqual([
      "Só entendo texto por enquanto 🙂 Mande sua lista escrita.",
    ]);
    const { body } = await system.request("POST", "/sim/messages", { from: customer.phone, media: "audio" }, null);
    expect(body.replies[0].text).toContain("Não consigo ouvir áudio");
  });

  it("changes one price at a time, refusing a price that is not one, one over the most, and a product nobody sells", async () => {
    expect(await admin().say("preço tomate 8,5O")).toEqual([
      '"8,5O" não é um preço. Escreva assim: _preço tomate 8,50_. Nada mudou.',
    ]);
    expect(await admin().say("preço tomate 20000")).toEqual([
      "O preço pode ser no máximo R$ 10.000,00 por unidade. Nada mudou.",
    ]);
    expect(await admin().say("preço abacate 9")).toEqual([
      'Não vendemos "abacate". Produto novo só entra por planilha: mande a planilha do catálogo com ele. Nada mudou.',
    ]);
    expect(await admin().say("preço do tomate R$ 9,20")).toEqual([
      "✅ Preço de Tomate: R$ 7,50 → R$ 9,20. Vale para os próximos pedidos.",
    ]);
    expect((await catalogPrice("tomate")).price).toBe("9.20");
  });

  it("tells the customers whose open order holds a product that ran out, and shows it sold out in their order", async () => {
    const customer = newCustomer();
    await customer.say("1 bandeja de morango e 1kg de cebola");
    const [confirmed] = await customer.say("sim");
    const number = Number(confirmed?.match(/#(\d+)/)?.[1]);
    const bystander = newCustomer();
    await bystander.say("1kg de cebola");
    await bystander.say("sim");

    expect(await admin().say("acabou morango")).toEqual([
      "✅ Morango marcado como esgotado. 1 cliente avisado (têm no pedido).",
    ]);
    const notice = await eventually(
      async () => (await customer.transcript()).find((message) => message.text.includes("acabou esta semana"))?.text,
    );
    expect(notice).toBe(
      `⚠️ Morango acabou esta semana. Seu pedido #${number} ainda tem o item, mas ele aparece como esgotado e pode não vir. Quer trocar por outra coisa? É só mandar.`,
    );
    expect((await bystander.transcript()).some((message) => message.text.includes("acabou esta semana"))).toBe(false);
    const [status] = await customer.say("cadê meu pedido?");
    expect(status).toMatch(/Morango — R\$ [\d,]+ ⚠️ \(esgotado\)/);

    expect(await admin().say("acabou morango")).toEqual(["Morango já está marcado como esgotado. Nada mudou."]);
    expect(await admin().say("voltou morango")).toEqual(["✅ Morango voltou ao catálogo."]);
  });

  it("lists the unconfirmed lists in resumo and counts the customers", async () => {
    const drafting = newCustomer();
    await drafting.say("2kg de tomate e 1kg de cebola");
    const [summary] = await admin().say("resumo");
    expect(summary).toContain("ainda não confirmada");
    expect(summary).toContain(`Bia (${drafting.phone}): 2 itens`);
    expect((await admin().say("clientes"))[0]).toMatch(/^\d+ clientes?; (todos recebem avisos|\d+ pediu|\d+ pediram)/);
  });
});
