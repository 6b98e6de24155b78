import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { openWorkbookWriter, zipCaughtUp } from "../../sheets/workbooks/open-workbook-writer.ts";
import { sheetLabels } from "../../sheets/workbooks/sheet-labels.ts";
import { writeConsolidatedWorkbook } from "../../sheets/workbooks/write-consolidated-workbook.ts";
import { writeLineSheet } from "../../sheets/workbooks/write-line-sheet.ts";
import { coriander, rowValues, tomato } from "./workbook-fixtures.ts";

const options = { locale: "pt-BR" as const, labels: sheetLabels("pt-BR"), withProvider: true };

describe("the streaming workbook writer", () => {
  // The writer reaches into exceljs 4.4's streaming writer; a version without those parts would silently bring
  // back the memory this saves, so the test names them.
  it("lets a committed worksheet go, and starts each worksheet's part with a small buffer", () => {
    const workbook = openWorkbookWriter(new PassThrough());
    writeLineSheet(workbook, "#1 Maria", [tomato], options);
    const kept = workbook.getWorksheet("#1 Maria");
    // A plain record of what the closing parts read, no longer the writer with its streams.
    expect(kept).toStrictEqual({ id: 1, name: "#1 Maria", state: "visible", committed: true });

    const open = workbook.addWorksheet("#2 Ana") as unknown as { stream: { bufSize: number } };
    expect(open.stream.bufSize).toBe(16 * 1024);
  });

  it("still lists every released worksheet, in order and visible, in the finished workbook", async () => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on("data", (chunk: Buffer) => chunks.push(chunk));
    const workbook = openWorkbookWriter(output);
    const names = Array.from({ length: 40 }, (_, index) => `#${index + 1} Cliente`);
    for (const [index, name] of names.entries())
      writeLineSheet(workbook, name, index % 2 ? [tomato] : [coriander], options);
    await workbook.commit();

    const read = new ExcelJS.Workbook();
    await read.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(read.worksheets.map((sheet) => sheet.name)).toEqual(names);
    expect(read.worksheets.every((sheet) => sheet.state === "visible")).toBe(true);
    expect(rowValues(read.worksheets[1]!)[1]).toEqual([
      "Tomate italiano",
      "kg",
      2.5,
      7.99,
      19.98,
      "Hortifruti Bom Preço",
    ]);
    expect(rowValues(read.worksheets[2]!)[1]).toEqual(["Coentro", "maço", 3, 2.5, 7.5, "Hortifruti Bom Preço"]);
  });

  it("lets the zip catch up instead of queueing every sheet for it", async () => {
    const output = new PassThrough();
    output.resume();
    const workbook = openWorkbookWriter(output);
    const zip = (workbook as unknown as { zip: { _queue: { length(): number } } }).zip;
    let mostQueued = 0;
    for (let index = 1; index <= 300; index++) {
      writeLineSheet(workbook, `#${index} Cliente`, [tomato], options);
      mostQueued = Math.max(mostQueued, zip._queue.length());
      await zipCaughtUp(workbook);
    }
    await workbook.commit();
    // Without waiting, nearly all 300 would be queued at once.
    expect(mostQueued).toBeLessThanOrEqual(70);
  });

  it("fails instead of waiting forever when the output fails while the zip is behind", async () => {
    const output = new PassThrough();
    let received = 0;
    output.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > 4096) output.destroy(new Error("disk full"));
    });
    const orders = Array.from({ length: 400 }, (_, index) => ({
      number: index + 1,
      customerName: "Cliente",
      phone: "5584999990001",
      lines: [tomato, coriander],
    }));
    await expect(writeConsolidatedWorkbook({ locale: "pt-BR", summary: [tomato], orders }, output)).rejects.toThrow();
  });
});
