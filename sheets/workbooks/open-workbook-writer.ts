import { createRequire } from "node:module";
import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";

// exceljs's index loads its readers as well (unzipper, fast-csv, jszip, es-abstract: 450 files more, about 13 MB
// of a worker's memory) that writing a workbook never uses; its streaming writer is a module of its own.
const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter = createRequire(import.meta.url)(
  "exceljs/lib/stream/xlsx/workbook-writer.js",
);

/**
 * A streaming workbook writing to `output`: rows go out as they are committed, so memory does not grow with the
 * batch. Shared strings make every text a real string cell (`t="s"`), never something a reader could take for a
 * formula, and the table only grows with distinct texts (products, providers, names), not with rows.
 */
export function openWorkbookWriter(output: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = "SISCONF";
  return workbook;
}
