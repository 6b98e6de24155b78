import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { STORED_UP_TO_ROWS } from "../../sheets/workbooks/open-workbook-writer.ts";
import { writePackingWorkbook } from "../../sheets/workbooks/write-packing-workbook.ts";
import { writeProviderWorkbook } from "../../sheets/workbooks/write-provider-workbook.ts";
import { zipEntries, zipEntryText } from "../support/zip-entry.ts";
import {
  coriander,
  item,
  order,
  PRODUCTS,
  packingBatch,
  providerSheet,
  summaryOf,
  tomato,
  writeAndOpen,
} from "./workbook-fixtures.ts";

/** The XML elements a worksheet part holds, in order, by name. */
function elementOrder(xml: string): string[] {
  const body = xml.slice(xml.indexOf("<worksheet"));
  const names: string[] = [];
  for (const match of body.matchAll(/<(\w+)[\s/>]/g)) names.push(match[1] ?? "");
  return names;
}

describe("the written workbook's parts", () => {
  it("says fit to page in the sheet properties and puts a page break after every order but the last", async () => {
    const { buffer } = await writeAndOpen((output) => writePackingWorkbook(packingBatch, output));
    for (const part of ["sheet1", "sheet2", "sheet3"]) {
      expect(zipEntryText(buffer, `xl/worksheets/${part}.xml`)).toContain('<pageSetUpPr fitToPage="1"/>');
    }
    const orders = zipEntryText(buffer, "xl/worksheets/sheet3.xml");
    expect(orders.match(/<brk /g)).toHaveLength(packingBatch.orders.length - 1);
    expect(orders).toMatch(/<rowBreaks count="5" manualBreakCount="5">/);
  });

  it("lays Pedidos' parts out in the order Excel requires, its protection right after the data", async () => {
    const { buffer } = await writeAndOpen((output) => writePackingWorkbook(packingBatch, output));
    const parts = elementOrder(zipEntryText(buffer, "xl/worksheets/sheet3.xml")).filter((name) =>
      [
        "sheetData",
        "sheetProtection",
        "mergeCells",
        "dataValidations",
        "pageMargins",
        "pageSetup",
        "headerFooter",
        "rowBreaks",
      ].includes(name),
    );
    expect(parts).toEqual([
      "sheetData",
      "sheetProtection",
      "mergeCells",
      "dataValidations",
      "pageMargins",
      "pageSetup",
      "headerFooter",
      "rowBreaks",
    ]);
  });

  it("names each sheet's header rows as its print titles in the workbook", async () => {
    const { buffer } = await writeAndOpen((output) => writePackingWorkbook(packingBatch, output));
    const workbook = zipEntryText(buffer, "xl/workbook.xml");
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;Resumo&apos;!$6:$6</definedName>`,
    );
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;Mapa&apos;!$A:$B,&apos;Mapa&apos;!$6:$7</definedName>`,
    );
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="2">&apos;Pedidos&apos;!$6:$6</definedName>`,
    );
  });

  it("fails instead of waiting forever when the output fails halfway", async () => {
    const output = new PassThrough();
    let received = 0;
    output.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > 4096) output.destroy(new Error("disk full"));
    });
    const orders = Array.from({ length: 3_000 }, (_, index) =>
      order(index + 1, "Cliente", "5584999990001", [item(tomato, 1_000), item(coriander, 2_000)]),
    );
    await expect(
      writePackingWorkbook({ ...packingBatch, summary: summaryOf(orders, PRODUCTS), orders }, output),
    ).rejects.toThrow();
  });

  it("stores a small workbook's parts and compresses a big one's, and both read back whole", async () => {
    const small = await writeAndOpen((output) => writeProviderWorkbook(providerSheet, output));
    expect(new Set(zipEntries(small.buffer).map((entry) => entry.method))).toEqual(new Set([0]));
    expect(small.workbook.getWorksheet(1)?.rowCount).toBeGreaterThan(providerSheet.lines.length);

    const orders = Array.from({ length: STORED_UP_TO_ROWS / 2 }, (_, index) =>
      order(index + 1, `Cliente ${index + 1}`, "5584999990001", [item(tomato, 1_000), item(coriander, 2_000)]),
    );
    const big = await writeAndOpen((output) =>
      writePackingWorkbook({ ...packingBatch, summary: summaryOf(orders, PRODUCTS), orders }, output),
    );
    const methods = new Map(zipEntries(big.buffer).map((entry) => [entry.name, entry.method]));
    expect(methods.get("xl/worksheets/sheet3.xml")).toBe(8);
    const pedidos = big.workbook.worksheets[2];
    const texts =
      pedidos
        ?.getSheetValues()
        .flat()
        .filter((value) => typeof value === "string") ?? [];
    expect(new Set(texts.filter((text) => /^#\d+$/.test(text))).size).toBe(orders.length);
  });
});
