import { HALF_WORDS, numberWordValue, readNumberWords } from "./number-words.ts";
import type { Token } from "./tokenize.ts";
import { unitWord, type WrittenUnit } from "./unit-words.ts";

export type QuantityProblemReason = "not_positive" | "too_large" | "too_precise";

/** An amount as written: "2kg", "meia dúzia", "3", "1/2 kg". `unit` is null for a bare number. */
export interface WrittenQuantity {
  /** Thousandths of `unit` (or of a piece, when bare); meaningless when `problem` is set. */
  milli: number;
  unit: WrittenUnit | null;
  problem: QuantityProblemReason | null;
  /** False for a unit word alone ("dúzia de ovos" means one dúzia). */
  explicitNumber: boolean;
  /** "três de laranja": a bare number followed by "de" leans on the unit of the item before. */
  followedByOf: boolean;
}

/** A token after quantities have been read: words and breaks stay, amounts become one piece each. */
export type Piece =
  | { kind: "word"; text: string; start: number; end: number }
  | { kind: "break"; start: number; end: number }
  | { kind: "quantity"; quantity: WrittenQuantity; start: number; end: number };

const OF_WORDS = new Set(["de", "do", "da", "of"]);
/** Whole parts longer than this are far beyond any quantity; reading them exactly is pointless. */
const MAX_WHOLE_DIGITS = 12;

interface NumberValue {
  milli: number;
  problem: QuantityProblemReason | null;
}

/** Reads "2", "1,5", "0.250", "-3", "1/2" exactly into thousandths, or says why it cannot. */
function parseDigits(text: string): NumberValue {
  if (text.startsWith("-")) return { milli: 0, problem: "not_positive" };
  const slash = text.indexOf("/");
  if (slash > 0) {
    const numerator = text.slice(0, slash);
    const denominator = text.slice(slash + 1);
    if (numerator.length > MAX_WHOLE_DIGITS || denominator.length > MAX_WHOLE_DIGITS) {
      return { milli: 0, problem: "too_precise" };
    }
    const over = Number(numerator) * 1000;
    const under = Number(denominator);
    if (under === 0) return { milli: 0, problem: "too_large" };
    return over % under === 0 ? { milli: over / under, problem: null } : { milli: 0, problem: "too_precise" };
  }
  let separator = text.indexOf(",");
  if (separator < 0) separator = text.indexOf(".");
  const whole = separator < 0 ? text : text.slice(0, separator);
  const fraction = separator < 0 ? "" : text.slice(separator + 1).replace(/0+$/, "");
  if (whole.replace(/^0+/, "").length > MAX_WHOLE_DIGITS) return { milli: 0, problem: "too_large" };
  if (fraction.length > 3) return { milli: 0, problem: "too_precise" };
  return { milli: Number(whole) * 1000 + Number(fraction.padEnd(3, "0")), problem: null };
}

function wordAt(tokens: readonly Token[], index: number): string | undefined {
  const token = tokens[index];
  return token?.kind === "word" ? token.text : undefined;
}

/** Length of "e meio" / "e meia" / "and a half" / "and half" at `index`, or 0. */
function halfSuffixLength(tokens: readonly Token[], index: number): number {
  const connector = wordAt(tokens, index);
  if (connector !== "e" && connector !== "and") return 0;
  const next = wordAt(tokens, index + 1);
  if (next === "meio" || next === "meia" || next === "half") return 2;
  if ((next === "a" || next === "an") && wordAt(tokens, index + 2) === "half") return 3;
  return 0;
}

/** The smaller unit of the same kind, to add "1 kg e 500 g" exactly. */
const SMALLER_UNIT: Partial<Record<WrittenUnit, WrittenUnit>> = { kg: "g", l: "ml" };

interface Reading {
  quantity: WrittenQuantity;
  next: number;
}

/** Reads what follows a number: "x", "e meio", a unit, "e meia" after the unit, "e 500 g". */
function readAfterNumber(tokens: readonly Token[], start: number, value: NumberValue): Reading {
  let index = start;
  let milli = value.milli;
  const problem = value.problem;
  // "1 1/2 kg"
  const fractionToken = tokens[index];
  if (fractionToken?.kind === "number" && fractionToken.text.includes("/") && milli % 1000 === 0 && !problem) {
    const fraction = parseDigits(fractionToken.text);
    if (!fraction.problem && fraction.milli < 1000) {
      milli += fraction.milli;
      index++;
    }
  }
  // "2x tomate"
  if (wordAt(tokens, index) === "x") index++;
  let half = halfSuffixLength(tokens, index);
  const afterHalfUnit = unitWord(wordAt(tokens, index + half) ?? "");
  if (half > 0 && afterHalfUnit) {
    // "2 e meio kg"
    milli += 500;
    index += half;
  }
  let unit: WrittenUnit | null = null;
  const written = unitWord(wordAt(tokens, index) ?? "");
  if (written) {
    unit = written.unit;
    index++;
    half = halfSuffixLength(tokens, index);
    // "dúzia e meia", "dois quilos e meio" (but not "1 kg e meia dúzia": the half then starts a new amount).
    if (half > 0 && !unitWord(wordAt(tokens, index + half) ?? "")) {
      milli += 500;
      index += half;
    }
    const smaller = SMALLER_UNIT[unit];
    const more = tokens[index + 1];
    if (smaller && wordAt(tokens, index) === "e" && more?.kind === "number" && !problem) {
      // "1 kg e 500 g" is 1500 g.
      const partUnit = unitWord(wordAt(tokens, index + 2) ?? "");
      const part = parseDigits(more.text);
      if (partUnit?.unit === smaller && !part.problem) {
        milli = milli * 1000 + part.milli;
        unit = smaller;
        index += 3;
      }
    }
  } else if (wordAt(tokens, index) === "x") {
    index++;
  }
  const quantity: WrittenQuantity = {
    milli,
    unit,
    problem,
    explicitNumber: true,
    followedByOf: unit === null && OF_WORDS.has(wordAt(tokens, index) ?? ""),
  };
  if (problem === null && !Number.isSafeInteger(milli)) quantity.problem = "too_large";
  return { quantity, next: index };
}

/** Reads an amount starting at `index`, or returns null when none starts there. */
function readQuantityAt(tokens: readonly Token[], index: number, english: boolean): Reading | null {
  const token = tokens[index];
  if (!token || token.kind === "break") return null;
  if (token.kind === "number") return readAfterNumber(tokens, index + 1, parseDigits(token.text));
  const word = token.text;
  if (numberWordValue(word) !== undefined) {
    const words: (string | undefined)[] = [];
    for (let offset = 0; offset < 12; offset++) words.push(wordAt(tokens, index + offset));
    const reading = readNumberWords(words);
    if (reading) return readAfterNumber(tokens, index + reading.length, { milli: reading.value * 1000, problem: null });
  }
  if (HALF_WORDS.has(word)) {
    // "meia dúzia", "meio kg", "half a dozen", "meia melancia"
    let next = index + 1;
    const article = wordAt(tokens, next);
    if (word === "half" && (article === "a" || article === "an")) next++;
    return readAfterNumber(tokens, next, { milli: 500, problem: null });
  }
  if (english && (word === "a" || word === "an") && wordAt(tokens, index + 1) !== undefined) {
    // "a dozen eggs", "an apple"; in Portuguese "a" is an article and counts nothing.
    return readAfterNumber(tokens, index + 1, { milli: 1000, problem: null });
  }
  if (word === "x" && tokens[index + 1]?.kind === "number") {
    // "tomate x2"
    const count = tokens[index + 1] as Token;
    return readAfterNumber(tokens, index + 2, parseDigits(count.text));
  }
  const unit = unitWord(word);
  if (unit?.standsAlone) {
    const half = halfSuffixLength(tokens, index + 1);
    const after = wordAt(tokens, index + 1 + half);
    const alone = OF_WORDS.has(after ?? "") || (unit.unit === "dz" && after !== undefined && half === 0);
    if (half > 0 || alone) {
      return {
        quantity: {
          milli: half > 0 ? 1500 : 1000,
          unit: unit.unit,
          problem: null,
          explicitNumber: false,
          followedByOf: false,
        },
        next: index + 1 + half,
      };
    }
  }
  return null;
}

/** Turns tokens into pieces, reading every amount (digits, number words, halves, units) into one piece. */
export function readQuantities(tokens: readonly Token[], english: boolean): Piece[] {
  const pieces: Piece[] = [];
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index] as Token;
    const reading = readQuantityAt(tokens, index, english);
    if (reading) {
      const last = tokens[reading.next - 1] as Token;
      pieces.push({ kind: "quantity", quantity: reading.quantity, start: token.start, end: last.end });
      index = reading.next;
      continue;
    }
    if (token.kind === "word") pieces.push({ kind: "word", text: token.text, start: token.start, end: token.end });
    else if (token.kind === "break") pieces.push({ kind: "break", start: token.start, end: token.end });
    // A stray number cannot reach here: numbers always start a quantity.
    index++;
  }
  return pieces;
}
