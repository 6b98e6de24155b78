import { createRequire } from "node:module";
import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";

// exceljs's index loads its readers as well (unzipper, fast-csv, jszip, es-abstract: 450 files more, about 13 MB
// of a worker's memory) that writing a workbook never uses; its streaming writer is a module of its own.
const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter = createRequire(import.meta.url)(
  "exceljs/lib/stream/xlsx/workbook-writer.js",
);

/**
 * Up to this many rows a workbook's parts are stored in the zip, not compressed. Each compressed part costs a zlib
 * stream of its own, about 0.2 ms whatever its size, and a workbook has ten parts or more: a provider's sheet of a
 * few dozen rows took 4 ms compressed and 1.5 ms stored, for some 15 KB more (bench/workbook). At this many rows
 * a stored workbook is still a few hundred KB; bigger ones are compressed.
 */
export const STORED_UP_TO_ROWS = 1_000;

/**
 * A streaming workbook writing to `output`: rows go out as they are committed, so memory does not grow with the
 * batch. Shared strings make every text a real string cell (`t="s"`), never something a reader could take for a
 * formula, and the table only grows with distinct texts (products, providers, names), not with rows. `rows` is
 * about how many rows the workbook will have, which decides whether its parts are compressed.
 */
export function openWorkbookWriter(output: Writable, rows: number): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: true,
    // Archiver's own option, which exceljs passes on: STORE is the zip format's plain method, read everywhere.
    zip: { store: rows <= STORED_UP_TO_ROWS },
  });
  workbook.creator = "SISCONF";
  return workbook;
}
