import type { Writable } from "node:stream";
import ExcelJS from "exceljs";

/**
 * A streaming workbook writing to `output`: rows go out as they are committed, so memory does not grow with the
 * batch. Shared strings make every text a real string cell (`t="s"`), never something a reader could take for a
 * formula, and the table only grows with distinct texts (products, providers, names), not with rows.
 */
export function openWorkbookWriter(output: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = "SISCONF";
  return workbook;
}
