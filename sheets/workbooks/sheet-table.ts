import type { Style } from "exceljs";
import type { Cents } from "../../core/domain/money.ts";
import type { CellValue, SheetRow } from "./sheet-row.ts";

/**
 * One column of a table: its header, what a row shows in it, how, and how long that looks. A sheet's columns are
 * one list of these, so a new column is one entry.
 */
export interface SheetColumn<Line> {
  label: string;
  value(line: Line): CellValue;
  style(line: Line): Partial<Style>;
  /** Characters the cell shows, for the column's width: numbers are measured without formatting them. */
  shownLength(line: Line): number;
  /** The widest this column gets: names longer than that wrap instead of pushing the numbers off the page. */
  maxWidth?: number;
  /** A column of numbers: its header sits on the right, over them. */
  numeric?: true;
}

/** Columns wider than this would push the numbers off the page; a 300-character name wraps, it is not lost. */
const MAX_WIDTH = 50;
// exceljs drops a width of exactly 9 (its default) from the file; anything narrower than 10 is cramped anyway.
const MIN_WIDTH = 10;
// Excel's width unit is roughly one digit; a little padding keeps text off the cell border.
const PADDING = 2;

/** Text longer than this wraps in its column, in a taller row, instead of being cut off on paper. */
export const LONGEST_UNWRAPPED = MAX_WIDTH - PADDING;

/** Cents to reais for a number cell (exact to the cent when shown with two decimals); null leaves it empty. */
export function reais(cents: Cents | null): number | null {
  return cents === null ? null : cents / 100;
}

/** Widths, in Excel character units, that fit each column's header and the longest text among `lines`. */
export function columnWidths<Line>(columns: readonly SheetColumn<Line>[], lines: Iterable<Line>): number[] {
  const longest = columns.map((column) => column.label.length);
  for (const line of lines) {
    for (let index = 0; index < columns.length; index++) {
      const length = (columns[index] as SheetColumn<Line>).shownLength(line);
      if (length > (longest[index] ?? 0)) longest[index] = length;
    }
  }
  return longest.map((length, index) => fitWidth(length, columns[index]?.maxWidth));
}

/** A column width for text of `length` characters, between the least readable and `maxWidth`. */
export function fitWidth(length: number, maxWidth = MAX_WIDTH): number {
  return Math.min(maxWidth, Math.max(MIN_WIDTH, length + PADDING));
}

/** Fills `row` with one table line, every column's value in its style, from column `first` on. */
export function fillTableRow<Line>(
  row: SheetRow,
  columns: readonly SheetColumn<Line>[],
  line: Line,
  first = 1,
): SheetRow {
  for (let index = 0; index < columns.length; index++) {
    const column = columns[index] as SheetColumn<Line>;
    row.set(first + index, column.value(line), column.style(line));
  }
  return row;
}

/** Fills `row` with the header of a table of `columns`, each label over its column's values. */
export function fillColumnHeaders<Line>(
  row: SheetRow,
  columns: readonly SheetColumn<Line>[],
  styles: { header: Partial<Style>; numericHeader: Partial<Style> },
): SheetRow {
  for (const [index, column] of columns.entries()) {
    row.set(index + 1, column.label, column.numeric ? styles.numericHeader : styles.header);
  }
  return row;
}

/** Fills `row` with header labels, from column `first` on. */
export function fillHeaderRow(row: SheetRow, labels: readonly string[], style: Partial<Style>, first = 1): SheetRow {
  for (const [index, label] of labels.entries()) row.set(first + index, label, style);
  return row;
}
