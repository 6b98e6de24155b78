import { READER_WORDS, type UnitWord, type WrittenUnit } from "./reader-words.ts";

/**
 * A unit as the customer names it: the catalog's units plus millilitres, which convert exactly to litres, and money
 * ("5 reais de cebolinha"), which the price turns into a quantity. Short abbreviations ("g", "l") and words with other
 * everyday meanings ("molho" is also a sauce) need a number; the others stand alone ("dúzia de ovos", "pé de alface").
 */
export type { UnitWord, WrittenUnit };

const UNIT_WORDS = READER_WORDS.units;

/** The unit a folded word names ("quilos" → kg, "dz" → dz, "pé" → un), or undefined. */
export function unitWord(word: string): UnitWord | undefined {
  return UNIT_WORDS.get(word);
}
