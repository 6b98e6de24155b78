/** Sales units of the catalog, as PRODUCT.md lists them. */
export const UNITS = ["kg", "g", "un", "dz", "maco", "bandeja", "cx", "l", "pct"] as const;
export type Unit = (typeof UNITS)[number];

/** Millilitres are written by customers and shown for less than a litre, but nothing is sold by them. */
export type MeasureUnit = Unit | "ml";

/** The languages units are named in: the conversation's and the sheets'. */
export type UnitLanguage = "pt-BR" | "en";

/**
 * What a unit counts. Quantities convert only within a kind, by the units' factors; each package (maço, bandeja,
 * caixa, pacote) is its own size, so packages never convert into one another or into pieces.
 */
export type UnitKind = "mass" | "volume" | "pieces" | "package";

export interface UnitDefinition {
  kind: UnitKind;
  /** How many of its kind's smallest unit (a gram, a millilitre, a piece, a package) one of this unit holds. */
  factor: number;
  /** The symbol said in every language and never pluralised ("kg", "l"); the one-word name otherwise. */
  symbol?: string;
  /** Its name in each language: one of it, several of it ("1 maço", "2 maços"). */
  words: Record<UnitLanguage, readonly [one: string, many: string]>;
}

/**
 * The one table of units: what each counts, its factor, and its words in each language. The reader converts by
 * it (`convertMilli`), and the chat, the price list and the sheets name units by it, so they all say the same.
 */
export const UNIT_TABLE: Readonly<Record<MeasureUnit, UnitDefinition>> = {
  kg: { kind: "mass", factor: 1000, symbol: "kg", words: { "pt-BR": ["kg", "kg"], en: ["kg", "kg"] } },
  g: { kind: "mass", factor: 1, symbol: "g", words: { "pt-BR": ["g", "g"], en: ["g", "g"] } },
  l: { kind: "volume", factor: 1000, symbol: "l", words: { "pt-BR": ["litro", "litros"], en: ["liter", "liters"] } },
  ml: { kind: "volume", factor: 1, symbol: "ml", words: { "pt-BR": ["ml", "ml"], en: ["ml", "ml"] } },
  un: { kind: "pieces", factor: 1, words: { "pt-BR": ["unidade", "unidades"], en: ["unit", "units"] } },
  dz: { kind: "pieces", factor: 12, words: { "pt-BR": ["dúzia", "dúzias"], en: ["dozen", "dozen"] } },
  maco: { kind: "package", factor: 1, words: { "pt-BR": ["maço", "maços"], en: ["bunch", "bunches"] } },
  bandeja: { kind: "package", factor: 1, words: { "pt-BR": ["bandeja", "bandejas"], en: ["tray", "trays"] } },
  cx: { kind: "package", factor: 1, words: { "pt-BR": ["caixa", "caixas"], en: ["box", "boxes"] } },
  pct: { kind: "package", factor: 1, words: { "pt-BR": ["pacote", "pacotes"], en: ["pack", "packs"] } },
};

/** Units measured by weight or volume: a bare number of pieces cannot be converted to them. */
export const MEASURED_UNITS: ReadonlySet<Unit> = new Set(
  UNITS.filter((unit) => UNIT_TABLE[unit].kind === "mass" || UNIT_TABLE[unit].kind === "volume"),
);

/**
 * Units whose quantity is a count of whole pieces or packages: a bare number is the quantity itself. A dúzia counts
 * pieces too, but by twelves, so half of one is sold.
 */
export const COUNTED_UNITS: ReadonlySet<Unit> = new Set(
  UNITS.filter(
    (unit) =>
      UNIT_TABLE[unit].kind === "package" || (UNIT_TABLE[unit].kind === "pieces" && UNIT_TABLE[unit].factor === 1),
  ),
);

/** "1 maço", "2 maços": the unit's words in a language. */
export function unitWords(unit: MeasureUnit, language: UnitLanguage): readonly [one: string, many: string] {
  return UNIT_TABLE[unit].words[language];
}

/**
 * The unit as named on its own, after a price ("R$ 8,50/maço", "R$ 5,90/l") and in a sheet's unit column: its
 * symbol where it has one, else its name for one.
 */
export function unitLabel(unit: MeasureUnit, language: UnitLanguage): string {
  const definition = UNIT_TABLE[unit];
  return definition.symbol ?? definition.words[language][0];
}

/**
 * The factor between two units of one kind, as a fraction in lowest terms (g → kg is 1/1000, dz → un is 12/1);
 * null between kinds, or between two different packages.
 */
export function conversionFactor(from: MeasureUnit, to: MeasureUnit): { multiply: number; divide: number } | null {
  const source = UNIT_TABLE[from];
  const target = UNIT_TABLE[to];
  if (from === to) return { multiply: 1, divide: 1 };
  if (source.kind !== target.kind || source.kind === "package") return null;
  const common = greatestCommonDivisor(source.factor, target.factor);
  return { multiply: source.factor / common, divide: target.factor / common };
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}
