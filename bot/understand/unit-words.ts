import type { Unit } from "../../core/domain/units.ts";

/**
 * A unit as the customer names it: the catalog's units plus millilitres, which convert exactly to litres, and money
 * ("5 reais de cebolinha"), which the price turns into a quantity.
 */
export type WrittenUnit = Unit | "ml" | "money";

export interface UnitWord {
  unit: WrittenUnit;
  /**
   * Whether the word alone means one of the unit ("dúzia de ovos", "pé de alface", "quilo de tomate").
   * Short abbreviations ("g", "l") and words with other everyday meanings ("molho" is also a sauce) need a number.
   */
  standsAlone: boolean;
}

const entries: [WrittenUnit, boolean, string[]][] = [
  ["kg", true, ["quilo", "quilos", "kilo", "kilos", "quilograma", "quilogramas", "kilograma", "kilogramas"]],
  ["kg", true, ["kilogram", "kilograms", "kg", "kgs", "kilogramme", "kilogrammes"]],
  ["kg", false, ["k", "kl", "qk"]],
  ["g", false, ["g", "gr", "grs", "grama", "gramas", "gram", "grams", "gramme", "grammes"]],
  ["l", true, ["litro", "litros", "liter", "liters", "litre", "litres"]],
  ["l", false, ["l", "lt", "lts", "ltr"]],
  ["ml", false, ["ml", "mililitro", "mililitros", "millilitre", "milliliter", "milliliters", "millilitres"]],
  ["dz", true, ["duzia", "duzias", "dz", "dzs", "dozen", "dozens", "duz"]],
  ["un", true, ["unidade", "unidades", "unit", "units", "piece", "pieces", "pe", "pes", "cabeca", "cabecas"]],
  ["un", true, ["head", "heads", "copo", "copos", "pote", "potes", "vidro", "vidros", "jar", "jars", "lata", "latas"]],
  ["un", false, ["un", "und", "unid", "unds", "pc", "pcs", "garrafa", "garrafas", "bottle", "bottles"]],
  ["maco", true, ["maco", "macos", "bunch", "bunches", "molhinho", "molhinhos"]],
  ["maco", false, ["molho", "molhos", "mc"]],
  ["bandeja", true, ["bandeja", "bandejas", "tray", "trays", "bdj"]],
  ["cx", true, ["caixa", "caixas", "box", "boxes", "cx", "cxs", "caixinha", "caixinhas"]],
  ["pct", true, ["pacote", "pacotes", "pct", "pcts", "pack", "packs", "package", "packages", "packet", "packets"]],
  ["money", false, ["real", "reais", "conto", "contos", "pila", "pilas"]],
  ["pct", true, ["saco", "sacos", "saquinho", "saquinhos", "pacotinho", "pacotinhos", "bag", "bags"]],
];

const UNIT_WORDS = new Map<string, UnitWord>();
for (const [unit, standsAlone, words] of entries) {
  for (const word of words) UNIT_WORDS.set(word, { unit, standsAlone });
}

/** The unit a folded word names ("quilos" → kg, "dz" → dz, "pé" → un), or undefined. */
export function unitWord(word: string): UnitWord | undefined {
  return UNIT_WORDS.get(word);
}
