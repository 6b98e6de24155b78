import { describe, expect, it } from "vitest";
import { sheetFileName } from "../../sheets/workbooks/sheet-file-name.ts";
import { writeProviderWorkbook } from "../../sheets/workbooks/write-provider-workbook.ts";
import {
  coriander,
  eggs,
  flour,
  LONG_NAME,
  milk,
  providerLine,
  providerSheet,
  rowValues,
  tableRows,
  title,
  tomato,
  writeAndOpen,
} from "./workbook-fixtures.ts";

const MONEY_FORMAT = '[$-416]"R$ "#,##0.00';

describe("provider workbook", () => {
  it("has one Pedido sheet titled with the business, the provider, the batch and its closing date", async () => {
    const { workbook, written } = await writeAndOpen((output) => writeProviderWorkbook(providerSheet, output));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Pedido"]);
    expect(written).toEqual({ sheets: 1, rows: 5 + 1 + 3 + 1 });
    expect(rowValues(workbook.getWorksheet("Pedido")!).slice(0, 5)).toEqual([
      ["Feira da Ana"],
      ["Hortifruti Bom Preço"],
      ["Lote 7"],
      ["Fechado em 3 de dez. de 2026, 18:30"],
      [],
    ]);
  });

  it("lists each product by name at the catalog's cost, leaving the cost empty where none is given", async () => {
    const { workbook } = await writeAndOpen((output) => writeProviderWorkbook(providerSheet, output));
    expect(tableRows(workbook.getWorksheet("Pedido")!, "Produto")).toEqual([
      ["Produto", "Unidade", "Quantidade", "Custo unitário", "Total"],
      ['=HYPERLINK("http://evil","Ovos")', "dúzia", 1, 9, 9],
      ["Coentro", "maço", 3],
      ["Tomate italiano", "kg", 2.5, 5.2, 13],
      // Coentro has no cost: the Total adds the costs given.
      ["Total", null, null, null, 22],
    ]);
  });

  it("never shows the selling price", async () => {
    const { workbook } = await writeAndOpen((output) => writeProviderWorkbook(providerSheet, output));
    const money = tableRows(workbook.getWorksheet("Pedido")!, "Produto").flatMap((row) => row.slice(3));
    for (const price of [tomato.priceCents, coriander.priceCents, eggs.priceCents]) {
      expect(money).not.toContain(price / 100);
    }
  });

  it("leaves the Total empty, not zero, when the catalog gives no cost at all", async () => {
    const { workbook } = await writeAndOpen((output) =>
      writeProviderWorkbook({ ...providerSheet, lines: [providerLine(coriander, 2_000)] }, output),
    );
    expect(tableRows(workbook.getWorksheet("Pedido")!, "Produto")).toEqual([
      ["Produto", "Unidade", "Quantidade", "Custo unitário", "Total"],
      ["Coentro", "maço", 2],
      ["Total"],
    ]);
  });

  it("writes English headers, title and unit words when the locale is en", async () => {
    const { workbook } = await writeAndOpen((output) =>
      writeProviderWorkbook({ ...providerSheet, locale: "en", lines: [providerLine(coriander, 3_000)] }, output),
    );
    const rows = rowValues(workbook.getWorksheet("Order")!);
    expect(rows.slice(0, 4)).toEqual([
      ["Feira da Ana"],
      ["Hortifruti Bom Preço"],
      ["Batch 7"],
      ["Closed on Dec 3, 2026, 6:30 PM"],
    ]);
    expect(tableRows(workbook.getWorksheet("Order")!, "Product")).toEqual([
      ["Product", "Unit", "Quantity", "Unit cost", "Total"],
      ["Coentro", "bunch", 3],
      ["Total"],
    ]);
  });

  it("stores numbers as numbers in Brazilian formats, and texts never as formulas", async () => {
    const { workbook } = await writeAndOpen((output) => writeProviderWorkbook(providerSheet, output));
    const sheet = workbook.getWorksheet("Pedido")!;
    expect(sheet.getCell("C7").numFmt).toBe("[$-416]#,##0");
    expect(sheet.getCell("C9").numFmt).toBe("[$-416]#,##0.###");
    for (const address of ["D7", "E7", "E10"]) expect(sheet.getCell(address).numFmt).toBe(MONEY_FORMAT);
    for (const address of ["C9", "D9", "E9", "E10"]) expect(typeof sheet.getCell(address).value).toBe("number");
    expect(sheet.getCell("A7").value).toBe('=HYPERLINK("http://evil","Ovos")');
    expect(sheet.getCell("A7").formula).toBeUndefined();
  });

  it("prints fitted to the page width, the header on every page, and freezes it on screen", async () => {
    const { workbook } = await writeAndOpen((output) => writeProviderWorkbook(providerSheet, output));
    const sheet = workbook.getWorksheet("Pedido")!;
    expect(sheet.pageSetup).toMatchObject({
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
      printTitlesRow: "6:6",
    });
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 6 });
    for (const address of ["A1", "A6", "E6", "A10", "E10"]) expect(sheet.getCell(address).font?.bold).toBe(true);
  });

  it("keeps 300-character names, emoji and characters Excel forbids whole, wrapping the long ones", async () => {
    const { workbook } = await writeAndOpen((output) =>
      writeProviderWorkbook(
        {
          ...providerSheet,
          providerName: `${LONG_NAME} [A/B]: *?`,
          lines: [providerLine(flour, 12_000), providerLine(milk, 1_125)],
        },
        output,
      ),
    );
    const sheet = workbook.getWorksheet("Pedido")!;
    expect(sheet.getCell("A2").value).toBe(`${LONG_NAME} [A/B]: *?`);
    expect(sheet.getCell("A7").value).toBe("+Leite -integral 🥛");
    expect(sheet.getCell("A8").value).toBe(LONG_NAME);
    expect(sheet.getCell("A8").alignment?.wrapText).toBe(true);
    expect(sheet.getRow(8).height).toBeGreaterThan(15);
    expect(sheet.columns[0]?.width).toBe(50);
  });

  it("drops characters XML cannot carry instead of writing a file no program opens", async () => {
    const broken = { ...providerLine(tomato, 1_000), productName: "Tom\u0001ate \uD800italiano\u000B" };
    const { workbook } = await writeAndOpen((output) =>
      writeProviderWorkbook(
        { ...providerSheet, title: { ...title, businessName: "Feira\u0002" }, lines: [broken] },
        output,
      ),
    );
    const sheet = workbook.getWorksheet("Pedido")!;
    expect(sheet.getCell("A1").value).toBe("Feira");
    expect(sheet.getCell("A7").value).toBe("Tomate italiano");
  });

  it.each([
    ["hortifruti", 12, "hortifruti-12.xlsx"],
    [null, 3, "consolidado-3.xlsx"],
  ])("names the file of provider %s in batch %i %s, like the storage key", (provider, batchNumber, name) => {
    expect(sheetFileName(provider, batchNumber)).toBe(name);
  });
});
