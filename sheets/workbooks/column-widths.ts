/** Columns wider than this would push the numbers off screen; a 300-character name is cut visually, not lost. */
const MAX_WIDTH = 50;
// exceljs drops a width of exactly 9 (its default) from the file; anything narrower than 10 is cramped anyway.
const MIN_WIDTH = 10;
// Excel's width unit is roughly one digit; a little padding keeps text off the cell border.
const PADDING = 2;

/**
 * Widths, in Excel character units, that fit the longest text of each column. The streaming writer emits column
 * widths before the first row, so the builders measure the data before they write it.
 */
export class ColumnWidths {
  readonly #longest: number[];

  constructor(headers: readonly string[]) {
    this.#longest = headers.map((header) => header.length);
  }

  /** Accounts for `text` as shown in `column` (numbers measured as formatted, with separators and "R$"). */
  fit(column: number, text: string): void {
    this.fitLength(column, text.length);
  }

  /** Accounts for a shown text of `length` characters in `column`, for numbers measured without formatting them. */
  fitLength(column: number, length: number): void {
    if (length > (this.#longest[column] ?? 0)) this.#longest[column] = length;
  }

  widths(): number[] {
    return this.#longest.map((length) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, length + PADDING)));
  }
}
