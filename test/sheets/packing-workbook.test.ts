import type ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ORDERS_PER_SHEET } from "../../sheets/workbooks/write-orders-sheet.ts";
import { writePackingWorkbook } from "../../sheets/workbooks/write-packing-workbook.ts";
import {
  coriander,
  eggs,
  item,
  LONG_NAME,
  milk,
  order,
  PRODUCTS,
  packingBatch,
  rowValues,
  summaryOf,
  tableRows,
  tomato,
  writeAndOpen,
} from "./workbook-fixtures.ts";

const ORDER_COLUMNS = ["Pedido", "Produto", "Unidade", "Quantidade", "Entregue", "Preço unitário", "Total"];

async function packing(source = packingBatch) {
  return writeAndOpen((output) => writePackingWorkbook(source, output));
}

/** The rows of `Pedidos` from the header on, each trimmed of trailing empty cells. */
function orderRows(sheet: ExcelJS.Worksheet): unknown[][] {
  return tableRows(sheet, "Pedido");
}

describe("packing workbook", () => {
  it("has the sheets Resumo, Mapa and Pedidos, each titled with the business, its subject, batch and date", async () => {
    const { workbook, written } = await packing();
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Resumo", "Mapa", "Pedidos"]);
    expect(written.sheets).toBe(3);
    const subjects = workbook.worksheets.map((sheet) => rowValues(sheet).slice(0, 4));
    expect(subjects).toEqual(
      ["Resumo do lote", "Mapa de separação", "Pedidos para embalar"].map((subject) => [
        ["Feira da Ana"],
        [subject],
        ["Lote 7"],
        ["Fechado em 3 de dez. de 2026, 18:30"],
      ]),
    );
  });

  it("sums every product in Resumo, by provider then name, with its cost and a Total row", async () => {
    const { workbook } = await packing();
    expect(tableRows(workbook.getWorksheet("Resumo")!, "Produto")).toEqual([
      ["Produto", "Unidade", "Quantidade", "Preço unitário", "Total", "Fornecedor", "Custo"],
      ['=HYPERLINK("http://evil","Ovos")', "dúzia", 2, 12, 24, "@Granja", 18],
      ["Coentro", "maço", 3, 2.5, 7.5, "Hortifruti Bom Preço"],
      ["Tomate italiano", "kg", 3, 7.99, 23.98, "Hortifruti Bom Preço", 15.6],
      ["+Leite -integral 🥛", "l", 2.25, 5.9, 13.28, "Laticínios", 9.23],
      [LONG_NAME, "pacote", 12, 1234.56, 14814.72, "Mercearia [Centro]: atacado/varejo", 12000],
      ["Total", null, null, null, 14883.48, null, 12042.83],
    ]);
  });

  it("maps every order against every product in Mapa, grouped by provider under a band", async () => {
    const { workbook } = await packing();
    const sheet = workbook.getWorksheet("Mapa")!;
    const rows = rowValues(sheet);
    // Coentro and Tomate share their provider's band: merged cells read back as the band's text.
    expect(rows[5]).toEqual([
      null,
      null,
      "@Granja",
      "Hortifruti Bom Preço",
      "Hortifruti Bom Preço",
      "Laticínios",
      "Mercearia [Centro]: atacado/varejo",
    ]);
    expect(sheet.getCell("D6").isMerged && sheet.getCell("E6").isMerged).toBe(true);
    expect(tableRows(sheet, "Pedido")).toEqual([
      [
        "Pedido",
        "Cliente",
        '=HYPERLINK("http://evil","Ovos") (dúzia)',
        "Coentro (maço)",
        "Tomate italiano (kg)",
        "+Leite -integral 🥛 (l)",
        `${LONG_NAME} (pacote)`,
      ],
      ["#1", "Maria", 1, 1, 2.5],
      ["#2", "Maria", null, 2],
      ["#3", LONG_NAME, null, null, null, null, 12],
      ["#4", "Ana [feira]: sábado/domingo * ? \\ fim 🍅", null, null, 0.5, 1.125],
      ["#5", "=cmd|' /C calc'!A0", 1],
      ["#6", "5511987654321", null, null, null, 1.125],
    ]);
  });

  it("writes one block per order in Pedidos: number, name and phone, delivery, items by provider, total", async () => {
    const { workbook } = await packing();
    const rows = orderRows(workbook.getWorksheet("Pedidos")!);
    expect(rows.slice(0, 17)).toEqual([
      ORDER_COLUMNS,
      ["#1", "Maria — +55 (11) 99999-0001"],
      [null, "Retirada"],
      [null, "@Granja"],
      ["#1", '=HYPERLINK("http://evil","Ovos")', "dúzia", 1, 1, 12, 12],
      [null, "Hortifruti Bom Preço"],
      ["#1", "Coentro", "maço", 1, 1, 2.5, 2.5],
      ["#1", "Tomate italiano", "kg", 2.5, 2.5, 7.99, 19.98],
      [null, "Total do pedido", null, null, null, null, 34.48],
      ["#2", "Maria — +55 (11) 99999-0002"],
      [null, "Entrega: Rua das Flores, 12, Apto 302 [Bloco B] — Lagoa Nova"],
      [null, "Hortifruti Bom Preço"],
      ["#2", "Coentro", "maço", 2, 2, 2.5, 5],
      [null, "Total do pedido", null, null, null, null, 5],
      // Longer than the page is wide: wrapped over the merged cells beside it, which read back as its text.
      ["#3", ...Array(6).fill(`${LONG_NAME} — +55 (11) 99999-0003`)],
      [null, "Retirada"],
      [null, "Mercearia [Centro]: atacado/varejo"],
    ]);
    expect(rows.at(-5)).toEqual(["#6", "+55 (11) 98765-4321"]);
  });

  it("gives every order's total in Pedidos as the order's own total, every quantity as ordered", async () => {
    const { workbook } = await packing();
    const rows = orderRows(workbook.getWorksheet("Pedidos")!);
    const totals = rows.filter((row) => row[1] === "Total do pedido").map((row) => row[6]);
    expect(totals).toEqual(packingBatch.orders.map((each) => each.totalCents / 100));
    const items = rows.filter((row) => typeof row[4] === "number");
    expect(items).toHaveLength(packingBatch.orders.reduce((sum, each) => sum + each.lines.length, 0));
    for (const row of items) expect(row[4]).toBe(row[3]);
  });

  it("leaves only Entregue editable: a plain number shown with its unit, checked to be ≥ 0", async () => {
    const { workbook } = await packing();
    const sheet = workbook.getWorksheet("Pedidos")!;
    const tomatoRow = sheet.getRow(13);
    expect(tomatoRow.getCell(2).value).toBe("Tomate italiano");
    const delivered = tomatoRow.getCell(5);
    expect(delivered.value).toBe(2.5);
    expect(delivered.numFmt).toBe('[$-416]General" kg"');
    expect(delivered.protection?.locked).toBe(false);
    expect(tomatoRow.getCell(4).protection?.locked).not.toBe(false);
    expect((sheet as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations
      .model;
    // exceljs reads one rule over a range back as the rule of each of its cells.
    expect(validations.E8).toBeDefined();
    expect(validations[`E${sheet.rowCount}`]).toEqual(validations.E8);
    expect(validations.E13).toMatchObject({
      type: "decimal",
      operator: "greaterThanOrEqual",
      formulae: [0],
      showErrorMessage: true,
    });
  });

  it("prints every sheet fitted to the page width with its header on every page", async () => {
    const { workbook } = await packing();
    const headers = { Resumo: "6:6", Mapa: "6:7", Pedidos: "6:6" };
    for (const [name, titles] of Object.entries(headers)) {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: titles });
    }
    expect(workbook.getWorksheet("Mapa")!.pageSetup.printTitlesColumn).toBe("A:B");
    expect(workbook.getWorksheet("Resumo")!.pageSetup.orientation).toBe("landscape");
  });

  it("writes English labels, title and unit words when the locale is en", async () => {
    const { workbook } = await packing({ ...packingBatch, locale: "en" });
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Summary", "Map", "Orders"]);
    expect(tableRows(workbook.getWorksheet("Summary")!, "Product")[0]).toEqual([
      "Product",
      "Unit",
      "Quantity",
      "Unit price",
      "Total",
      "Provider",
      "Cost",
    ]);
    expect(tableRows(workbook.getWorksheet("Map")!, "Order")[0]?.slice(0, 4)).toEqual([
      "Order",
      "Customer",
      '=HYPERLINK("http://evil","Ovos") (dozen)',
      "Coentro (bunch)",
    ]);
    const orders = tableRows(workbook.getWorksheet("Orders")!, "Order");
    expect(orders.slice(0, 4)).toEqual([
      ["Order", "Product", "Unit", "Quantity", "Delivered", "Unit price", "Total"],
      ["#1", "Maria — +55 (11) 99999-0001"],
      [null, "Pickup"],
      [null, "@Granja"],
    ]);
    expect(orders).toContainEqual([null, "Delivery: Rua das Flores, 12, Apto 302 [Bloco B] — Lagoa Nova"]);
    expect(orders).toContainEqual([null, "Order total", null, null, null, null, 34.48]);
    expect(workbook.getWorksheet("Orders")!.getCell("E13").numFmt).toBe('[$-409]General" kg"');
  });

  it("writes a batch of one order", async () => {
    const one = [order(1, "Ana", "5584988000001", [item(milk, 1_000)])];
    const { workbook } = await packing({ ...packingBatch, summary: summaryOf(one, PRODUCTS), orders: one });
    expect(orderRows(workbook.getWorksheet("Pedidos")!)).toEqual([
      ORDER_COLUMNS,
      ["#1", "Ana — +55 (84) 98800-0001"],
      [null, "Retirada"],
      [null, "Laticínios"],
      ["#1", "+Leite -integral 🥛", "l", 1, 1, 5.9, 5.9],
      [null, "Total do pedido", null, null, null, null, 5.9],
    ]);
  });

  it("goes on in Pedidos 2 past the page breaks Excel accepts in one sheet", async () => {
    const many = Array.from({ length: ORDERS_PER_SHEET + 1 }, (_, index) =>
      order(index + 1, `Cliente ${index + 1}`, "5584988000001", [item(tomato, 1_000), item(coriander, 1_000)]),
    );
    const { workbook, written } = await packing({ ...packingBatch, summary: summaryOf(many, PRODUCTS), orders: many });
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Resumo", "Mapa", "Pedidos", "Pedidos 2"]);
    expect(written.sheets).toBe(4);
    const second = orderRows(workbook.getWorksheet("Pedidos 2")!);
    expect(second[0]).toEqual(ORDER_COLUMNS);
    expect(second[1]).toEqual([`#${ORDERS_PER_SHEET + 1}`, `Cliente ${ORDERS_PER_SHEET + 1} — +55 (84) 98800-0001`]);
    const numbers = (sheet: string) =>
      new Set(
        orderRows(workbook.getWorksheet(sheet)!)
          .slice(1)
          .map((row) => row[0])
          .filter(Boolean),
      ).size;
    expect(numbers("Pedidos") + numbers("Pedidos 2")).toBe(many.length);
    expect(tableRows(workbook.getWorksheet("Mapa")!, "Pedido")).toHaveLength(many.length + 1);
  });

  it("writes customer and product names that look like formulas as plain text", async () => {
    const { workbook } = await packing();
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => expect(cell.formula).toBeUndefined());
      });
    }
    const map = workbook.getWorksheet("Mapa")!;
    expect(rowValues(map).some((row) => row[1] === "=cmd|' /C calc'!A0")).toBe(true);
    expect(eggs.name.startsWith("=")).toBe(true);
  });
});
