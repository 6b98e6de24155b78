import { READER_WORDS } from "./reader-words.ts";

/** Number words a customer may write, in Portuguese and English, with their values (maps, never plain objects). */
const UNITS_AND_TEENS = READER_WORDS.numbers.ones;
const TENS = READER_WORDS.numbers.tens;
const HUNDREDS = READER_WORDS.numbers.hundreds;
/** Words that multiply the number before them ("dois mil", "5 mil", "um milhão"). */
export const SCALE_WORDS = READER_WORDS.numbers.scales;
/** Words meaning one half: "meio quilo", "meia dúzia", "half a dozen". */
export const HALF_WORDS = READER_WORDS.numbers.halves;

export interface NumberWordsReading {
  /** The number, whole (number words only name whole numbers). */
  value: number;
  /** How many tokens the number used. */
  length: number;
}

/** The whole number a word names on its own, or undefined. "meia" is not one: it means a half. */
export function numberWordValue(word: string): number | undefined {
  if (word === "meia") return undefined;
  return UNITS_AND_TEENS.get(word) ?? TENS.get(word) ?? HUNDREDS.get(word) ?? SCALE_WORDS.get(word);
}

/**
 * Reads a number written in words starting at `words[0]`: "três", "vinte e dois", "cento e cinquenta",
 * "two hundred", "mil e quinhentos". The " e " inside is consumed only when a number word follows it,
 * so "dois e meio" stops after "dois" (the half is read by the caller) and "tomate e cebola" is untouched.
 */
export function readNumberWords(words: readonly (string | undefined)[]): NumberWordsReading | null {
  const first = words[0];
  if (first === undefined || numberWordValue(first) === undefined) return null;
  let total = 0;
  let current = 0;
  let length = 0;
  let expectNumber = true;
  while (length < words.length) {
    const word = words[length];
    if (word === undefined) break;
    if (!expectNumber) {
      // Only a connector may follow a number word: "vinte e dois", "twenty-two" arrives as two words.
      const next = words[length + 1];
      const connects = (word === "e" || word === "and") && next !== undefined && numberWordValue(next) !== undefined;
      if (connects && next !== "mil") {
        length++;
        expectNumber = true;
        continue;
      }
      const directlyFollows = numberWordValue(word) !== undefined && (TENS.get(words[length - 1] ?? "") ?? 0) > 0;
      if (!directlyFollows && !(word === "hundred" || SCALE_WORDS.has(word))) break;
    }
    if (word === "hundred") {
      current = (current === 0 ? 1 : current) * 100;
    } else if (SCALE_WORDS.has(word)) {
      const scale = SCALE_WORDS.get(word) as number;
      // "dois milhões e quinhentos mil": a larger scale multiplies everything before it.
      total =
        scale > 1000 ? (total + (current === 0 ? 1 : current)) * scale : total + (current === 0 ? 1 : current) * scale;
      current = 0;
    } else {
      const value = numberWordValue(word);
      if (value === undefined) break;
      current += value;
    }
    length++;
    expectNumber = false;
  }
  return { value: total + current, length };
}
