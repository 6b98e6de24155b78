import { describe, expect, it } from "vitest";
import { writeConsolidatedWorkbook } from "../../sheets/workbooks/write-consolidated-workbook.ts";
import { consolidatedBatch, LONG_NAME, rowValues, writeAndOpen } from "./workbook-fixtures.ts";

const HEADERS = ["Produto", "Unidade", "Quantidade", "Preço unitário", "Total", "Fornecedor"];
const VALID_NAME = /^[^\\/?*[\]:]{1,31}$/;

describe("consolidated workbook", () => {
  it("starts with a Resumo sheet of every product and provider, then a Total row", async () => {
    const { workbook } = await writeAndOpen((output) => writeConsolidatedWorkbook(consolidatedBatch, output));
    const summary = workbook.worksheets[0]!;
    expect(summary.name).toBe("Resumo");
    expect(rowValues(summary)).toEqual([
      HEADERS,
      ["Tomate italiano", "kg", 2.5, 7.99, 19.98, "Hortifruti Bom Preço"],
      ["Coentro", "maço", 3, 2.5, 7.5, "Hortifruti Bom Preço"],
      ['=HYPERLINK("http://evil","Ovos")', "dz", 1, 12, 12, "@Granja"],
      [LONG_NAME, "pct", 12, 1234.56, 14814.72, "Mercearia [Centro]: atacado/varejo"],
      ["+Leite -integral", "L", 1.125, 5.9, 6.64, "Laticínios"],
      ["Total", null, null, null, 14860.84],
    ]);
  });

  it("gives every order its own sheet, in order, with its lines and total", async () => {
    const { workbook, written } = await writeAndOpen((output) => writeConsolidatedWorkbook(consolidatedBatch, output));
    expect(written.sheets).toBe(1 + consolidatedBatch.orders.length);
    expect(workbook.worksheets).toHaveLength(1 + consolidatedBatch.orders.length);
    consolidatedBatch.orders.forEach((order, index) => {
      const sheet = workbook.worksheets[index + 1]!;
      expect(sheet.name.startsWith(`#${order.number}`)).toBe(true);
      const rows = rowValues(sheet);
      expect(rows[0]).toEqual(HEADERS);
      expect(rows.slice(1, -1)).toEqual(
        order.lines.map((line) => [
          expect.any(String),
          expect.any(String),
          line.quantityMilli / 1000,
          line.unitPriceCents / 100,
          line.totalCents / 100,
          expect.any(String),
        ]),
      );
      const totalCents = order.lines.reduce((sum, line) => sum + line.totalCents, 0);
      expect(rows.at(-1)).toEqual(["Total", null, null, null, totalCents / 100]);
    });
  });

  it("names order sheets validly and uniquely, even for equal, overlong and forbidden-character names", async () => {
    const { workbook } = await writeAndOpen((output) => writeConsolidatedWorkbook(consolidatedBatch, output));
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual([
      "Resumo",
      "#1 Maria",
      "#2 Maria",
      "#3 Mercearia muito comprida mui",
      "#4 Mercearia muito comprida mui",
      "#5 Ana (feira)- sábado-domingo",
      "#6 =cmd|' -C calc'!A0",
      "#7 4321",
      "#8 1234",
      "#9 'citação",
    ]);
    for (const name of names) {
      expect(name).toMatch(VALID_NAME);
      expect(name).not.toMatch(/^'|'$/);
    }
    expect(new Set(names.map((name) => name.toUpperCase())).size).toBe(names.length);
  });

  it("keeps two sheets apart when order names collide after truncation or differ only in case", async () => {
    const long = "x".repeat(40);
    const { workbook } = await writeAndOpen((output) =>
      writeConsolidatedWorkbook(
        {
          locale: "en",
          summary: [],
          orders: [
            { number: 1, customerName: `${long}a`, phone: "1", lines: [] },
            { number: 1, customerName: `${long}b`, phone: "2", lines: [] },
            { number: 2, customerName: "ANA", phone: "3", lines: [] },
            { number: 2, customerName: "ana", phone: "4", lines: [] },
          ],
        },
        output,
      ),
    );
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(["Summary", `#1 ${"x".repeat(28)}`, `#1 ${"x".repeat(24)} (2)`, "#2 ANA", "#2 ana (2)"]);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
  });

  it("writes customer and product names that look like formulas as plain text", async () => {
    const { workbook } = await writeAndOpen((output) => writeConsolidatedWorkbook(consolidatedBatch, output));
    const sheet = workbook.getWorksheet("#6 =cmd|' -C calc'!A0")!;
    const cell = sheet.getCell("A2");
    expect(cell.value).toBe('=HYPERLINK("http://evil","Ovos")');
    expect(cell.formula).toBeUndefined();
    expect(sheet.getCell("F2").value).toBe("@Granja");
  });

  it("freezes the header of every sheet", async () => {
    const { workbook } = await writeAndOpen((output) => writeConsolidatedWorkbook(consolidatedBatch, output));
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.getCell("A1").font?.bold).toBe(true);
    }
  });
});
