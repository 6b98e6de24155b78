import type { DataValidation, Style, Workbook, Worksheet } from "exceljs";
import type { CellStyles } from "./cell-styles.ts";
import { NO_STYLE, wrapped } from "./cell-styles.ts";
import { plainText } from "./plain-text.ts";
import type { SheetLabels } from "./sheet-labels.ts";
import { type RowSink, SheetRow } from "./sheet-row.ts";
import type { SheetLocale, SheetTitle } from "./sheet-source.ts";

/** Rows of the title block (business, subject, batch, closing date) and the blank row under it. */
export const TITLE_ROWS = 5;

/** A4, in exceljs's paper sizes. */
const A4 = 9;
/** Column widths (in characters) a portrait A4 page holds at full size within the margins below. */
const PORTRAIT_WIDTH = 100;
const LINE_HEIGHT_POINTS = 15;
/** Characters of text a unit of column width holds: a width counts digits, and most letters are narrower. */
const CHARACTERS_PER_WIDTH = 1.1;
/** Characters of rows gathered before they go to the sheet's part in one write. */
const WRITE_CHUNK = 64 * 1024;
/** The tallest a wrapped row gets: a 300-character name in a narrow column would otherwise take half a page. */
const MAX_WRAPPED_LINES = 10;

export interface SheetLayout {
  /** Column widths, in characters, left to right. */
  widths: readonly number[];
  /** The table's header rows (1-based, inclusive): frozen on screen and repeated on every printed page. */
  headerRows: readonly [first: number, last: number];
  /** Columns repeated on every printed page and frozen on screen, for sheets wider than a page. */
  frozenColumns?: number;
  /** Pages the width is spread over when printed; 1 (the default) fits the page width. */
  pagesWide?: number;
}

/**
 * One worksheet written top to bottom: its print set-up (A4, fitted to the page width, in landscape when too wide
 * for portrait, the header repeated on every page), frozen header, the title block, then rows in order.
 */
export class SheetBuilder implements RowSink {
  readonly worksheet: Worksheet;
  readonly #internals: WorksheetWriterInternals;
  readonly #workbook: WorkbookWriterInternals;
  readonly #widths: readonly number[];
  readonly #styleAttributes = new Map<Partial<Style>, string>();
  #next = 1;
  #pending = "";
  /** Whether rows went to the zip since the last `letZipCatchUp`. */
  #flushed = false;

  constructor(workbook: Workbook, name: string, layout: SheetLayout) {
    this.#widths = layout.widths;
    const [firstHeader, lastHeader] = layout.headerRows;
    const frozenColumns = layout.frozenColumns ?? 0;
    const totalWidth = layout.widths.reduce((sum, width) => sum + width, 0);
    const titleColumns = frozenColumns > 0 ? `A:${columnLetter(frozenColumns)}` : undefined;
    this.worksheet = workbook.addWorksheet(name, {
      views: [{ state: "frozen", ySplit: lastHeader, xSplit: frozenColumns }],
      // Both halves of "fit to width": fitToWidth in the page set-up, and fitToPage in the sheet's properties,
      // which exceljs derives from these options when the sheet is created (its streaming writer writes it first).
      pageSetup: {
        paperSize: A4,
        orientation: totalWidth > PORTRAIT_WIDTH ? "landscape" : "portrait",
        fitToWidth: layout.pagesWide ?? 1,
        fitToHeight: 0,
        horizontalCentered: true,
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
        printTitlesRow: `${firstHeader}:${lastHeader}`,
        ...(titleColumns ? { printTitlesColumn: titleColumns } : {}),
      },
      headerFooter: { oddFooter: "&P / &N" },
    });
    this.worksheet.columns = layout.widths.map((width) => ({ width, style: NO_STYLE }));
    this.#internals = this.worksheet as unknown as WorksheetWriterInternals;
    this.#workbook = workbook as unknown as WorkbookWriterInternals;
    requireWriterInternals(this.#internals, this.#workbook);
  }

  /** The next row, to fill and then `commit`. */
  row(): SheetRow {
    return new SheetRow(this, this.#next++);
  }

  styleAttribute(style: Partial<Style>): string {
    let attribute = this.#styleAttributes.get(style);
    if (attribute === undefined) {
      const id = this.#workbook.styles.addStyleModel(style);
      attribute = id === 0 ? "" : ` s="${id}"`;
      this.#styleAttributes.set(style, attribute);
    }
    return attribute;
  }

  sharedString(text: string): number {
    return this.#workbook.sharedStrings.add(text);
  }

  writeRow(number: number, cellsXml: string, height: number | undefined): void {
    if (cellsXml === "" && height === undefined) return;
    if (!this.#internals.startedData) {
      // What exceljs writes before its first row: the column widths, then the start of the data.
      this.#internals._writeColumns();
      this.#internals._writeOpenSheetData();
      this.#internals.startedData = true;
    }
    const tall = height === undefined ? "" : ` ht="${height}" customHeight="1"`;
    this.#pending += `<row r="${number}"${tall}>${cellsXml}</row>`;
    if (this.#pending.length >= WRITE_CHUNK) this.#flush();
  }

  #flush(): void {
    if (this.#pending === "") return;
    this.#internals.stream.write(this.#pending);
    this.#pending = "";
    this.#flushed = true;
  }

  /**
   * Waits one turn of the event loop when rows went to the zip since the last call. Written in one go, a sheet's
   * rows are all held in memory before the zip compresses any of them (12 MB of XML for 5,000 orders); given a
   * turn every 64 KB, zlib compresses each piece on its own thread while the next rows are made.
   */
  async letZipCatchUp(): Promise<void> {
    if (!this.#flushed) return;
    this.#flushed = false;
    await new Promise((resolve) => setImmediate(resolve));
    // An output that failed meanwhile ends the writing here: exceljs only listens for its errors once committing.
    const output = this.#workbook.stream;
    if (output.destroyed) throw output.errored ?? new Error("the workbook's output closed before it was written");
  }

  /** Merges `row`'s cells from column `first` to `last`, so a long text wraps across them. */
  merge(row: SheetRow, first: number, last: number): void {
    this.#internals._merges.push(`${columnLetter(first)}${row.number}:${columnLetter(last)}${row.number}`);
  }

  /** Starts a new printed page after `row`. */
  pageBreakAfter(row: SheetRow): void {
    // `max` is the last column the break spans (Excel's XFD); a row number there confuses Excel's scroll bars.
    this.#internals.rowBreaks.push({ id: row.number, max: 16383, man: 1 });
  }

  /** Rows taken so far. */
  get rows(): number {
    return this.#next - 1;
  }

  /** The number the next row will have. */
  get nextRowNumber(): number {
    return this.#next;
  }

  /**
   * The title block: the business, the sheet's subject, "Lote 7", the closing date, then a blank row. A line longer
   * than the table is wide wraps over the table's width, so a 300-character provider name prints whole.
   */
  writeTitle(title: SheetTitle, subject: string, labels: SheetLabels, styles: CellStyles, locale: SheetLocale): void {
    this.writeSpanningText(plainText(title.businessName), styles.business, 1);
    this.writeSpanningText(plainText(subject), styles.subject, 1);
    this.writeSpanningText(labels.batch(title.batchNumber), styles.bold, 1);
    this.writeSpanningText(labels.closedAt(formatClosedAt(title, locale)), styles.text, 1);
    this.row().commit();
  }

  /**
   * A row whose one text, from column `first`, may be wider than its column: it spills over the empty cells to its
   * right, and when longer than the rest of the table it wraps across them (merged) in a row tall enough.
   */
  writeSpanningText(text: string, style: CellStyles["text"], first: number, before?: (row: SheetRow) => void): void {
    const row = this.row();
    before?.(row);
    const last = this.#widths.length;
    const room = this.#roomFrom(first);
    if (text.length <= room * CHARACTERS_PER_WIDTH * (11 / (style.font?.size ?? 11)) || last === first) {
      row.set(first, text, style).commit();
      return;
    }
    row.set(first, text, wrapped(style));
    this.merge(row, first, last);
    row.commit(this.wrappedHeight(text.length, room, style.font?.size));
  }

  readonly #rooms: number[] = [];
  /** The width of the columns from `first` to the last. */
  #roomFrom(first: number): number {
    let room = this.#rooms[first];
    if (room === undefined) {
      room = this.#widths.slice(first - 1).reduce((sum, width) => sum + width, 0);
      this.#rooms[first] = room;
    }
    return room;
  }

  /** The height of a row whose text of `length` characters wraps in `width` characters of column. */
  wrappedHeight(length: number, width: number, fontSize = 11): number {
    const perLine = Math.max(1, Math.floor(width * CHARACTERS_PER_WIDTH * (11 / fontSize)));
    return this.heightOfLines(Math.min(MAX_WRAPPED_LINES, Math.ceil(length / perLine)), fontSize);
  }

  /** The height of a row of `lines` lines of text. */
  heightOfLines(lines: number, fontSize = 11): number {
    return lines * LINE_HEIGHT_POINTS * (fontSize / 11);
  }

  /** The column widths this sheet was laid out with. */
  get widths(): readonly number[] {
    return this.#widths;
  }

  /**
   * Protects the sheet without a password: the cells whose style unlocks them (`Entregue`) stay editable, the rest
   * cannot be changed by a slip. Columns and rows can still be resized.
   */
  protect(): void {
    const worksheet = this.#internals;
    const closeSheetData = worksheet._writeCloseSheetData.bind(worksheet);
    // exceljs's streaming writer puts <sheetProtection> after <mergeCells> and <dataValidations>, where Excel
    // calls the file damaged; the schema wants it right after <sheetData>, so it is written there.
    worksheet._writeCloseSheetData = () => {
      closeSheetData();
      worksheet._write('<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>');
    };
  }

  /** Checks what is typed into `range` ("E7:E90"): one rule for the whole range, however many rows it covers. */
  validate(range: string, validation: DataValidation): void {
    // exceljs's typings leave the streaming worksheet's data validations out; its writer has and writes them.
    this.#internals.dataValidations.add(range, validation);
  }

  /** Writes the last rows and the sheet's closing parts (merges, validations, page set-up, page breaks) out. */
  finish(): void {
    this.#flush();
    this.worksheet.commit();
  }
}

/** The parts of exceljs 4.4's streaming worksheet writer the rows are written through. */
interface WorksheetWriterInternals {
  startedData: boolean;
  stream: { write(text: string): unknown };
  _merges: string[];
  rowBreaks: { id: number; max: number; man: number }[];
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  _writeCloseSheetData(): void;
  _write(text: string): void;
  dataValidations: { add(range: string, validation: DataValidation): void };
}

/** The parts of exceljs 4.4's streaming workbook writer that number styles and shared strings. */
interface WorkbookWriterInternals {
  /** The output the zip goes to. */
  stream: { destroyed: boolean; errored: Error | null };
  styles: { addStyleModel(style: Partial<Style>): number };
  sharedStrings: { add(text: string): number };
}

/**
 * Fails at the first sheet, not with a broken file, should an exceljs other than 4.4 lack the parts rows are written
 * through (test/sheets/workbook-writer.test.ts reads what they produce).
 */
function requireWriterInternals(worksheet: WorksheetWriterInternals, workbook: WorkbookWriterInternals): void {
  const present =
    typeof worksheet._writeColumns === "function" &&
    typeof worksheet._writeOpenSheetData === "function" &&
    typeof worksheet._writeCloseSheetData === "function" &&
    typeof worksheet._write === "function" &&
    typeof worksheet.stream?.write === "function" &&
    Array.isArray(worksheet._merges) &&
    Array.isArray(worksheet.rowBreaks) &&
    typeof worksheet.dataValidations?.add === "function" &&
    typeof workbook.stream?.destroyed === "boolean" &&
    typeof workbook.styles?.addStyleModel === "function" &&
    typeof workbook.sharedStrings?.add === "function";
  if (!present) throw new Error("exceljs's streaming writer is not the 4.4 this writer was built on");
}

/** "A" for 1, "AB" for 28. */
export function columnLetter(column: number): string {
  let letters = "";
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** "6 de dez. de 2026, 18:00": the month in words, so no reader takes 06/12 for June. */
function formatClosedAt(title: SheetTitle, locale: SheetLocale): string {
  // A DateTimeFormat takes milliseconds to build: one per language and zone serves every sheet.
  const key = `${locale} ${title.timeZone ?? ""}`;
  let format = CLOSED_AT_FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "en" ? "en-US" : "pt-BR", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: title.timeZone,
    });
    CLOSED_AT_FORMATS.set(key, format);
  }
  return format.format(title.closedAt);
}

const CLOSED_AT_FORMATS = new Map<string, Intl.DateTimeFormat>();
