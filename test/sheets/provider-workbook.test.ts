import { describe, expect, it } from "vitest";
import { sheetFileName } from "../../sheets/workbooks/sheet-file-name.ts";
import { writeProviderWorkbook } from "../../sheets/workbooks/write-provider-workbook.ts";
import { coriander, eggs, flour, LONG_NAME, milk, rowValues, tomato, writeAndOpen } from "./workbook-fixtures.ts";

describe("provider workbook", () => {
  const lines = [tomato, coriander, eggs, flour, milk];

  it("has one Pedido sheet with the Portuguese headers, one row per product and a Total row", async () => {
    const { workbook, written } = await writeAndOpen((output) =>
      writeProviderWorkbook({ locale: "pt-BR", lines }, output),
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Pedido"]);
    expect(written).toEqual({ sheets: 1, rows: 7 });
    const sheet = workbook.getWorksheet("Pedido")!;
    expect(rowValues(sheet)).toEqual([
      ["Produto", "Unidade", "Quantidade", "Preço unitário", "Total"],
      ["Tomate italiano", "kg", 2.5, 7.99, 19.98],
      ["Coentro", "maço", 3, 2.5, 7.5],
      ['=HYPERLINK("http://evil","Ovos")', "dz", 1, 12, 12],
      [LONG_NAME, "pct", 12, 1234.56, 14814.72],
      ["+Leite -integral", "L", 1.125, 5.9, 6.64],
      ["Total", null, null, null, 14860.84],
    ]);
  });

  it("writes English headers and unit words when the locale is en", async () => {
    const { workbook } = await writeAndOpen((output) =>
      writeProviderWorkbook({ locale: "en", lines: [coriander] }, output),
    );
    const sheet = workbook.getWorksheet("Order")!;
    expect(rowValues(sheet)).toEqual([
      ["Product", "Unit", "Quantity", "Unit price", "Total"],
      ["Coentro", "bunch", 3, 2.5, 7.5],
      ["Total", null, null, null, 7.5],
    ]);
  });

  it("stores numbers as numbers with quantity and currency formats, and texts never as formulas", async () => {
    const { workbook } = await writeAndOpen((output) => writeProviderWorkbook({ locale: "pt-BR", lines }, output));
    const sheet = workbook.getWorksheet("Pedido")!;
    expect(sheet.getCell("C2").numFmt).toBe("#,##0.###");
    expect(sheet.getCell("C3").numFmt).toBe("#,##0");
    for (const address of ["D2", "E2", "E7"]) expect(sheet.getCell(address).numFmt).toBe('"R$" #,##0.00');
    for (const address of ["C2", "D2", "E2", "E7"]) expect(typeof sheet.getCell(address).value).toBe("number");
    for (const address of ["A4", "A6"]) {
      expect(typeof sheet.getCell(address).value).toBe("string");
      expect(sheet.getCell(address).formula).toBeUndefined();
    }
  });

  it("freezes a bold header row and sizes columns to their content, capped", async () => {
    const { workbook } = await writeAndOpen((output) => writeProviderWorkbook({ locale: "pt-BR", lines }, output));
    const sheet = workbook.getWorksheet("Pedido")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    for (const address of ["A1", "B1", "C1", "D1", "E1", "A7", "E7"])
      expect(sheet.getCell(address).font?.bold).toBe(true);
    expect(sheet.getCell("A2").font?.bold).not.toBe(true);
    const widths = sheet.columns.map((column) => column.width);
    expect(widths[0]).toBe(50);
    expect(widths[1]).toBe(10);
    expect(widths[3]).toBe("Preço unitário".length + 2);
    expect(widths[4]).toBe("R$ 14.860,84".length + 2);
  });

  it("gives a valid file for a provider with no lines: the header and a zero Total", async () => {
    const { workbook } = await writeAndOpen((output) => writeProviderWorkbook({ locale: "pt-BR", lines: [] }, output));
    expect(rowValues(workbook.getWorksheet("Pedido")!)).toEqual([
      ["Produto", "Unidade", "Quantidade", "Preço unitário", "Total"],
      ["Total", null, null, null, 0],
    ]);
  });

  it("drops characters XML cannot carry instead of writing a file no program opens", async () => {
    const broken = { ...tomato, productName: "Tom\u0001ate \uD800italiano\u000B" };
    const { workbook } = await writeAndOpen((output) =>
      writeProviderWorkbook({ locale: "pt-BR", lines: [broken] }, output),
    );
    expect(workbook.getWorksheet("Pedido")!.getCell("A2").value).toBe("Tomate italiano");
  });

  it.each([
    ["hortifruti", 12, "hortifruti-12.xlsx"],
    [null, 3, "consolidado-3.xlsx"],
  ])("names the file of provider %s in batch %i %s, like the storage key", (provider, batchNumber, name) => {
    expect(sheetFileName(provider, batchNumber)).toBe(name);
  });
});
