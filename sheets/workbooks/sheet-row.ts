import type { Style } from "exceljs";
import { numberText } from "./number-text.ts";

export type CellValue = string | number | null;

/** Where a row's cells go once written: the sheet's XML, through the workbook's style and shared-string tables. */
export interface RowSink {
  /** The cell attribute giving `style`'s id (` s="4"`), empty for the default style. */
  styleAttribute(style: Partial<Style>): string;
  sharedString(text: string): number;
  writeRow(number: number, cellsXml: string, height: number | undefined): void;
}

// Column letters of the columns a sheet can have, worked out once instead of once per cell.
const LETTERS: string[] = [];
function columnLetters(column: number): string {
  let letters = LETTERS[column];
  if (letters === undefined) {
    letters = "";
    for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
      letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
    }
    LETTERS[column] = letters;
  }
  return letters;
}

/**
 * One row being filled, left to right, then written out as SpreadsheetML in one piece. exceljs's own rows build a
 * cell object, a model and an XML stream per cell; writing the few kinds of cell a sheet has straight to XML is
 * what lets a 5,000-order packing workbook keep up with Go's excelize.
 */
export class SheetRow {
  readonly number: number;
  readonly #sink: RowSink;
  /** The row number as the cells' references carry it, converted once. */
  readonly #numberText: string;
  #cells = "";
  #lastColumn = 0;
  #committed = false;

  constructor(sink: RowSink, number: number) {
    this.#sink = sink;
    this.number = number;
    this.#numberText = String(number);
  }

  /**
   * Puts `value` in `column` (1-based) with `style`: a text always as a shared string, never a formula; a number as
   * a number; null as an empty cell that keeps the style. Columns must come left to right, as the file has them.
   */
  set(column: number, value: CellValue, style: Partial<Style>): this {
    if (column <= this.#lastColumn)
      throw new Error(`row ${this.number}: column ${column} comes after ${this.#lastColumn}`);
    this.#lastColumn = column;
    const styled = this.#sink.styleAttribute(style);
    const start = `<c r="${columnLetters(column)}${this.#numberText}"${styled}`;
    if (value === null) {
      if (styled !== "") this.#cells += `${start}/>`;
    } else if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new Error(`row ${this.number}: ${value} is not a number a sheet can hold`);
      this.#cells += `${start}><v>${numberText(value)}</v></c>`;
    } else {
      this.#cells += `${start} t="s"><v>${this.#sink.sharedString(value)}</v></c>`;
    }
    return this;
  }

  /** Writes the row out, `height` points tall when given (else the sheet's default). */
  commit(height?: number): void {
    if (this.#committed) throw new Error(`row ${this.number} was already written`);
    this.#committed = true;
    this.#sink.writeRow(this.number, this.#cells, height);
  }
}
