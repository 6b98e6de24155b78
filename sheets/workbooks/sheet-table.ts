import type { Row, Style } from "exceljs";
import type { Cents } from "../../core/domain/money.ts";
import { NO_STYLE } from "./cell-styles.ts";

export type CellValue = string | number | null;

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
export function fillTableRow<Line>(row: Row, columns: readonly SheetColumn<Line>[], line: Line, first = 1): Row {
  for (let index = 0; index < columns.length; index++) {
    const column = columns[index] as SheetColumn<Line>;
    setCell(row, first + index, column.value(line), column.style(line));
  }
  return row;
}

/** Fills `row` with a table's header labels, from column `first` on. */
export function fillHeaderRow(row: Row, labels: readonly string[], style: Partial<Style>, first = 1): Row {
  for (const [index, label] of labels.entries()) setCell(row, first + index, label, style);
  return row;
}

// exceljs caches a style's id by object identity and re-serialises any other object to look it up, once per
// cell and once per row: handing every cell and row one of a few shared style objects is what keeps the writer fast.
export function setCell(row: Row, column: number, value: CellValue, style: Partial<Style>): void {
  const cell = row.getCell(column);
  if (value !== null) cell.value = value;
  cell.style = style;
}

/** Writes the row out; exceljs's typings leave out the row's own style, which its writer reads for every row. */
export function commitRow(row: Row, height?: number): Row {
  (row as Row & { style: Partial<Style> }).style = NO_STYLE;
  if (height !== undefined) row.height = height;
  row.commit();
  return row;
}
