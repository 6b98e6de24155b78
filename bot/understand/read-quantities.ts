import { HALF_WORDS, numberWordValue, readNumberWords, SCALE_WORDS } from "./number-words.ts";
import type { Token } from "./tokenize.ts";
import { unitWord, type WrittenUnit } from "./unit-words.ts";
import { isProductCandidate } from "./word-lists.ts";

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
  /** "NaN kg": written where an amount goes, but no amount at all; the bot asks how much. */
  unreadable?: true;
}

/** A token after quantities have been read: words and breaks stay, amounts become one piece each. */
export type Piece =
  | { kind: "word"; text: string; start: number; end: number }
  | { kind: "break"; start: number; end: number }
  | { kind: "quantity"; quantity: WrittenQuantity; start: number; end: number };

const OF_WORDS = new Set(["de", "do", "da", "of"]);
/** Whole parts longer than this are far beyond any quantity; reading them exactly is pointless. */
const MAX_WHOLE_DIGITS = 12;
/** Brazilian thousands: "1.000", "2.500.000", "1.000,50" (the tokenizer only lets such points through). */
const THOUSANDS = /^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/;
/** Words a program prints where a number failed, pasted or typed in place of an amount. */
const NOT_A_NUMBER = new Map<string, NumberValue>([
  ["nan", { milli: 0, problem: null }],
  ["undefined", { milli: 0, problem: null }],
  ["infinity", { milli: 0, problem: "too_large" }],
  ["infinito", { milli: 0, problem: "too_large" }],
]);

interface NumberValue {
  milli: number;
  problem: QuantityProblemReason | null;
}

/** Reads "2", "1,5", "0.250", "-3", "1/2", "1.000,50", "1e3" exactly into thousandths, or says why it cannot. */
function parseDigits(text: string): NumberValue {
  if (text.startsWith("-")) return { milli: 0, problem: "not_positive" };
  const exponentAt = text.indexOf("e");
  if (exponentAt > 0)
    return scaleByPowerOfTen(parseDigits(text.slice(0, exponentAt)), Number(text.slice(exponentAt + 1)));
  if (THOUSANDS.test(text)) return parseDigits(text.replace(/\./g, ""));
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

/** "1e9": the mantissa times a power of ten, exactly, or refused as too large or too precise. */
function scaleByPowerOfTen(value: NumberValue, exponent: number): NumberValue {
  if (value.problem || value.milli === 0) return value;
  if (exponent > MAX_WHOLE_DIGITS) return { milli: 0, problem: "too_large" };
  if (exponent < -MAX_WHOLE_DIGITS) return { milli: 0, problem: "too_precise" };
  const power = 10 ** Math.abs(exponent);
  if (exponent >= 0) return { milli: value.milli * power, problem: null };
  return value.milli % power === 0
    ? { milli: value.milli / power, problem: null }
    : { milli: 0, problem: "too_precise" };
}

function wordAt(tokens: readonly Token[], index: number): string | undefined {
  const token = tokens[index];
  return token?.kind === "word" ? token.text : undefined;
}

const NO_PART = { length: 0, milli: 0 };

/**
 * The part of a unit after a whole number: "e meio" / "e meia" / "and a half" / "and half" / "e 1/2" / "e ¾" at
 * `index`, its length in tokens and thousandths; none when there is no such part.
 */
function partSuffix(tokens: readonly Token[], index: number): { length: number; milli: number } {
  const connector = wordAt(tokens, index);
  if (connector !== "e" && connector !== "and") return NO_PART;
  const next = tokens[index + 1];
  if (next?.kind === "number" && next.text.includes("/")) {
    const fraction = parseDigits(next.text);
    return fraction.problem || fraction.milli >= 1000 ? NO_PART : { length: 2, milli: fraction.milli };
  }
  const word = wordAt(tokens, index + 1);
  if (word === "meio" || word === "meia" || word === "half") return { length: 2, milli: 500 };
  if ((word === "a" || word === "an") && wordAt(tokens, index + 2) === "half") return { length: 3, milli: 500 };
  return NO_PART;
}

/** Length of "e meio" / "e meia" / "and a half" / "and half" at `index`, or 0. */
function halfSuffixLength(tokens: readonly Token[], index: number): number {
  const part = partSuffix(tokens, index);
  return part.milli === 500 ? part.length : 0;
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
  let problem = value.problem;
  // "5 mil", "1 milhão", "1,5 milhão"
  const scale = SCALE_WORDS.get(wordAt(tokens, index) ?? "");
  if (scale !== undefined && !problem) {
    milli *= scale;
    index++;
    if (!Number.isSafeInteger(milli)) problem = "too_large";
  }
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
  const wholePart = partSuffix(tokens, index);
  if (wholePart.length > 0 && milli % 1000 === 0 && unitWord(wordAt(tokens, index + wholePart.length) ?? "")) {
    // "2 e meio kg", "2 e 1/2 kg"
    milli += wholePart.milli;
    index += wholePart.length;
  }
  let unit: WrittenUnit | null = null;
  const written = unitWord(wordAt(tokens, index) ?? "");
  if (written) {
    unit = written.unit;
    index++;
    const unitPart = partSuffix(tokens, index);
    // "dúzia e meia", "dois quilos e meio", "1 kg e 1/2" (but not "1 kg e meia dúzia": the half then starts a new
    // amount).
    if (unitPart.length > 0 && milli % 1000 === 0 && !unitWord(wordAt(tokens, index + unitPart.length) ?? "")) {
      milli += unitPart.milli;
      index += unitPart.length;
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

function namesGoods(word: string | undefined): boolean {
  return word !== undefined && unitWord(word) === undefined && isProductCandidate(word);
}

/** Reads an amount starting at `index`, or returns null when none starts there. */
function readQuantityAt(tokens: readonly Token[], index: number, english: boolean): Reading | null {
  const token = tokens[index];
  if (!token || token.kind === "break") return null;
  if (token.kind === "number") return readAfterNumber(tokens, index + 1, parseDigits(token.text));
  const word = token.text;
  const notANumber = NOT_A_NUMBER.get(word);
  if (notANumber) {
    const reading = readAfterNumber(tokens, index + 1, notANumber);
    if (!notANumber.problem) reading.quantity.unreadable = true;
    return reading;
  }
  if (numberWordValue(word) !== undefined) {
    const words: (string | undefined)[] = [];
    for (let offset = 0; offset < 12; offset++) words.push(wordAt(tokens, index + offset));
    const reading = readNumberWords(words);
    // Zero written out right after the goods is a kind of them ("coca zero", "leite zero lactose"), not an amount:
    // nobody orders none of something.
    if (reading?.value === 0 && namesGoods(wordAt(tokens, index - 1))) return null;
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
