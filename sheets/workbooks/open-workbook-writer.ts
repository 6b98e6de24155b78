import type { EventEmitter } from "node:events";
import { once } from "node:events";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";

/**
 * Bytes of the buffer each worksheet's part starts with. exceljs 4.4 allocates 64 KB (zero-filled) per worksheet
 * while an order's sheet is about 2 KB: on a 5,000-order batch that is 320 MB of short-lived buffers, which costs
 * garbage collections and peak memory. A larger sheet simply takes more of these buffers, which exceljs hands to
 * the zip as each one fills.
 */
const WORKSHEET_BUFFER_BYTES = 16 * 1024;

/** The parts of exceljs's streaming writer (4.4) this file adjusts; absent in another version, nothing is changed. */
interface WorkbookWriterInternals {
  _openStream?: (path: string) => { bufSize?: number };
  _worksheets?: unknown[];
  /** The archiver zip the parts go into: `append` queues a part, and it emits `entry` once a part is in the file. */
  zip?: EventEmitter & { append?: (...args: unknown[]) => unknown };
}

/** Parts handed to each workbook's zip, parts it has written, and whether its output is gone. */
const zipProgress = new WeakMap<ExcelJS.Workbook, { appended: number; written: number; outputGone: AbortSignal }>();

/** What the workbook's closing parts (`workbook.xml`, its relationships, content types) read of a written sheet. */
interface CommittedWorksheet {
  id: number;
  name: string;
  state: string;
  committed: true;
}

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
  const internals = workbook as unknown as WorkbookWriterInternals;
  const openStream = internals._openStream?.bind(workbook);
  if (openStream) {
    internals._openStream = (path) => {
      const stream = openStream(path);
      // Read when the first byte is written, which happens after this returns.
      if (typeof stream.bufSize === "number") stream.bufSize = WORKSHEET_BUFFER_BYTES;
      return stream;
    };
  }
  const zip = internals.zip;
  const append = zip?.append?.bind(zip);
  if (zip && append) {
    // An output that failed or closed stops the zip without a word: a writer waiting for it must not wait forever.
    const gone = new AbortController();
    output.once("error", () => gone.abort(new Error("the workbook's output failed")));
    output.once("close", () => gone.abort(new Error("the workbook's output closed")));
    const progress = { appended: 0, written: 0, outputGone: gone.signal };
    zipProgress.set(workbook, progress);
    zip.append = (...args) => {
      progress.appended++;
      return append(...args);
    };
    zip.on("entry", () => {
      progress.written++;
    });
  }
  return workbook;
}

/** Parts the zip may have waiting before a writer stops for it, and how far it then lets the zip catch up. */
const ZIP_BACKLOG_HIGH = 64;
const ZIP_BACKLOG_LOW = 8;

/**
 * Lets the zip catch up when too many parts wait for it. exceljs hands each committed sheet to the zip and returns
 * at once, and the zip compresses one part at a time off the main thread: a writer that never waits queues a
 * 5,000-order batch's sheets almost whole, each in its buffers (about 150 MB). Waiting down to a low mark rather
 * than for each part keeps the zip and the writer both busy.
 */
export async function zipCaughtUp(workbook: ExcelJS.Workbook): Promise<void> {
  const progress = zipProgress.get(workbook);
  const zip = (workbook as unknown as WorkbookWriterInternals).zip;
  if (!progress || !zip || progress.appended - progress.written <= ZIP_BACKLOG_HIGH) return;
  while (progress.appended - progress.written > ZIP_BACKLOG_LOW) {
    await once(zip, "entry", { signal: progress.outputGone });
  }
}

/**
 * Lets a committed worksheet go. exceljs keeps every worksheet writer until the workbook is committed, and with it
 * the sheet's part stream and the zip streams that part went through, although all the workbook's closing parts
 * read of it is the id, name and state: on a 5,000-order batch, keeping them costs about 50 MB of peak memory.
 */
export function releaseCommittedWorksheet(workbook: ExcelJS.Workbook, worksheet: ExcelJS.Worksheet): void {
  const sheets = (workbook as unknown as WorkbookWriterInternals)._worksheets;
  if (!Array.isArray(sheets) || sheets[worksheet.id] !== worksheet || !isCommitted(worksheet)) return;
  const committed: CommittedWorksheet = {
    id: worksheet.id,
    name: worksheet.name,
    state: worksheet.state,
    committed: true,
  };
  sheets[worksheet.id] = committed;
}

function isCommitted(worksheet: ExcelJS.Worksheet): boolean {
  return (worksheet as unknown as { committed?: unknown }).committed === true;
}
