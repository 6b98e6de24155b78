import type { Style } from "exceljs";
import { MILLI_PER_UNIT, type Milli } from "../../core/domain/quantity.ts";
import { UNITS, type Unit, unitLabel, unitWords } from "../../core/domain/units.ts";
import type { SheetLocale } from "./sheet-source.ts";

// A format's locale tag ([$-416] is pt-BR) makes LibreOffice show that locale's separators whatever the reader's
// own ("R$ 7,50", "2,5"; a currency tag such as [$R$-416] does not); Excel keeps the reader's own separators.
const LOCALE_TAGS: Record<SheetLocale, string> = { "pt-BR": "[$-416]", en: "[$-409]" };
/** The currency is always BRL, written the Brazilian way in both languages, as the chat writes it. */
const MONEY_FORMAT = '[$-416]"R$ "#,##0.00';

/** The few styles of one language's sheets. */
export interface CellStyles {
  text: Partial<Style>;
  header: Partial<Style>;
  /** The header of a column of numbers, on the right like them. */
  numericHeader: Partial<Style>;
  business: Partial<Style>;
  subject: Partial<Style>;
  /** An order's first line in `Pedidos`: number, name and phone. */
  orderHeading: Partial<Style>;
  providerHeading: Partial<Style>;
  /** A provider's name over its products in `Mapa`. */
  providerBand: Partial<Style>;
  bold: Partial<Style>;
  money: Partial<Style>;
  totalMoney: Partial<Style>;
  /** A quantity shows up to three decimals, and none when it is whole. */
  quantity(quantity: Milli): Partial<Style>;
  /** `Entregue`: a plain number the entrepreneur edits, shown with its unit, unlocked in a protected sheet. */
  delivered(unit: Unit): Partial<Style>;
}

/**
 * Styles as shared objects: exceljs finds a style's id by object identity, so reusing them saves serialising a
 * style per cell. Never mutate them (nor a cell's style after assigning one).
 */
export function cellStyles(locale: SheetLocale): CellStyles {
  return STYLES[locale];
}

const WRAPPED = new WeakMap<Partial<Style>, Partial<Style>>();

/**
 * `style` wrapping its text within the cell, for a text longer than its cell (or merged cells): one shared object
 * per style, like the others. Only such texts wrap: a wrapped text in a row of the usual height is cut off, where
 * an unwrapped one spills over the empty cells beside it.
 */
export function wrapped(style: Partial<Style>): Partial<Style> {
  let wrappedStyle = WRAPPED.get(style);
  if (!wrappedStyle) {
    wrappedStyle = { ...style, alignment: { ...style.alignment, wrapText: true, vertical: "top" } };
    WRAPPED.set(style, wrappedStyle);
  }
  return wrappedStyle;
}

/**
 * The style of rows and columns, which carry none of their own. exceljs gives every row and column a new empty
 * style object and serialises it again to find its id (the default one); sharing this one spares that per row.
 */
export const NO_STYLE: Partial<Style> = Object.freeze({});

const thinBottom = { bottom: { style: "thin" as const } };
// A row made taller by a wrapped name keeps its numbers on the name's first line.
const top = { vertical: "top" as const };

/**
 * "2,5 kg", "1 maço", "3 maços": the number as typed (General shows 2 or 2,15, where a fixed format would hide a
 * weighed 2,150 as "2"), its unit beside it as the chat says it, in the plural above one (as the chat does).
 */
function deliveredFormat(unit: Unit, locale: SheetLocale): string {
  const shown = (word: string) => `${LOCALE_TAGS[locale]}General" ${word.replace(/"/g, "")}"`;
  const label = unitLabel(unit, locale);
  const [one, many] = unitWords(unit, locale);
  return label !== one || one === many ? shown(label) : `[<=1]${shown(one)};${shown(many)}`;
}

function stylesOf(locale: SheetLocale): CellStyles {
  const tag = LOCALE_TAGS[locale];
  // "#,##0.###" alone shows a whole number as "2," (a dangling separator), so whole quantities get their own format.
  const wholeQuantity = { numFmt: `${tag}#,##0`, alignment: top };
  const fractionalQuantity = { numFmt: `${tag}#,##0.###`, alignment: top };
  const delivered = Object.fromEntries(
    UNITS.map((unit) => [
      unit,
      {
        numFmt: deliveredFormat(unit, locale),
        alignment: top,
        protection: { locked: false },
        border: thinBottom,
      },
    ]),
  ) as Record<Unit, Partial<Style>>;
  return {
    text: { alignment: top },
    header: { font: { bold: true }, border: thinBottom, alignment: { wrapText: true, vertical: "top" } },
    numericHeader: {
      font: { bold: true },
      border: thinBottom,
      alignment: { wrapText: true, vertical: "top", horizontal: "right" },
    },
    business: { font: { bold: true, size: 14 } },
    subject: { font: { bold: true, size: 12 } },
    orderHeading: { font: { bold: true, size: 13 }, alignment: top },
    providerHeading: { font: { bold: true, italic: true }, alignment: top },
    providerBand: {
      font: { bold: true },
      alignment: { horizontal: "center", vertical: "bottom", wrapText: true },
      border: { bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } },
    },
    bold: { font: { bold: true }, alignment: top },
    money: { numFmt: MONEY_FORMAT, alignment: top },
    totalMoney: { numFmt: MONEY_FORMAT, font: { bold: true }, alignment: top },
    quantity: (quantity) => (quantity % MILLI_PER_UNIT === 0 ? wholeQuantity : fractionalQuantity),
    delivered: (unit) => delivered[unit],
  };
}

const STYLES: Record<SheetLocale, CellStyles> = { "pt-BR": stylesOf("pt-BR"), en: stylesOf("en") };
