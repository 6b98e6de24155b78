import type { Style } from "exceljs";
import { MILLI_PER_UNIT, type Milli } from "../../core/domain/quantity.ts";

/** The currency is always BRL, whatever the language of the headers. */
const MONEY_FORMAT = '"R$" #,##0.00';
// "#,##0.###" alone shows a whole number as "2." (a dangling separator), so whole quantities get their own format.
const WHOLE_QUANTITY_FORMAT = "#,##0";
const FRACTIONAL_QUANTITY_FORMAT = "#,##0.###";

/**
 * The few styles a sheet uses, as shared objects: exceljs finds a style's id by object identity, so reusing them
 * saves serialising a style per cell. Never mutate them (nor a cell's style after assigning one).
 */
export const CELL_STYLES = {
  text: {},
  header: { font: { bold: true } },
  money: { numFmt: MONEY_FORMAT },
  totalMoney: { numFmt: MONEY_FORMAT, font: { bold: true } },
  wholeQuantity: { numFmt: WHOLE_QUANTITY_FORMAT },
  fractionalQuantity: { numFmt: FRACTIONAL_QUANTITY_FORMAT },
} as const satisfies Record<string, Partial<Style>>;

/**
 * The style of rows and columns, which carry none of their own. exceljs gives every row and column a new empty
 * style object and serialises it again to find its id (the default one); sharing this one spares that per row.
 */
export const NO_STYLE: Partial<Style> = Object.freeze({});

/** A quantity shows up to three decimals, and none when it is whole. */
export function quantityStyle(quantity: Milli): Partial<Style> {
  return quantity % MILLI_PER_UNIT === 0 ? CELL_STYLES.wholeQuantity : CELL_STYLES.fractionalQuantity;
}
