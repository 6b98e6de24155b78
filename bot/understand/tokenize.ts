import { unitWord } from "./unit-words.ts";

/** A word ("tomate"), a number as written ("1,5", "1/2", "-2"), or a break between items. */
export type Token =
  | { kind: "word"; text: string; start: number; end: number }
  | { kind: "number"; text: string; start: number; end: number }
  | { kind: "break"; text: string; start: number; end: number };

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** Punctuation that ends an item: newline, ; , . ! ? : | + ( ) and dashes used as bullets. */
function isBreak(code: number): boolean {
  return (
    code === 10 ||
    code === 59 ||
    code === 44 ||
    code === 46 ||
    code === 33 ||
    code === 63 ||
    code === 58 ||
    code === 124 ||
    code === 43 ||
    code === 40 ||
    code === 41 ||
    code === 45 ||
    code === 47 ||
    code === 61
  );
}

/** Index just after a "1." or "2)" list bullet starting at `index`, or -1 when there is none. */
function numberedBulletEnd(text: string, index: number): number {
  let cursor = index;
  while (cursor < text.length && isDigit(text.charCodeAt(cursor))) cursor++;
  if (cursor === index || cursor - index > 2) return -1;
  const mark = text.charCodeAt(cursor);
  if (mark !== 46 && mark !== 41) return -1;
  // "1.5kg" is a decimal; a bullet is followed by a space.
  return isSpace(text.charCodeAt(cursor + 1)) ? cursor + 1 : -1;
}

/** "p/", "c/", "s/": short words written with a slash. */
const SLASH_ABBREVIATIONS = new Map([
  ["p", "pra"],
  ["c", "com"],
  ["s", "sem"],
]);

function digitsEnd(text: string, index: number): number {
  let cursor = index;
  while (cursor < text.length && isDigit(text.charCodeAt(cursor))) cursor++;
  return cursor;
}

/**
 * End of the number whose digits start at `index`: "2", "1,5", "0.250", "1/2", Brazilian thousands ("1.000",
 * "1.000,50", "2.500.000") and an exponent ("1e9"). A point followed by exactly three digits after one to three
 * digits that do not start with 0 groups thousands, as Brazilians write them; "0.250" and "1.5" are decimals.
 */
function numberEnd(text: string, index: number): number {
  let cursor = digitsEnd(text, index);
  const whole = cursor - index;
  const separator = text.charCodeAt(cursor);
  const groups =
    separator === 46 && whole <= 3 && text.charCodeAt(index) !== 48 && digitsEnd(text, cursor + 1) === cursor + 4;
  if (groups) {
    while (text.charCodeAt(cursor) === 46 && digitsEnd(text, cursor + 1) === cursor + 4) cursor += 4;
    if (text.charCodeAt(cursor) === 44 && isDigit(text.charCodeAt(cursor + 1))) cursor = digitsEnd(text, cursor + 1);
  } else if ((separator === 44 || separator === 46 || separator === 47) && isDigit(text.charCodeAt(cursor + 1))) {
    cursor = digitsEnd(text, cursor + 1);
  }
  // "1e9": an exponent, written without spaces and not followed by a letter ("1e meio" is one and a half).
  if (text.charCodeAt(cursor) === 101) {
    const sign = text.charCodeAt(cursor + 1) === 43 || text.charCodeAt(cursor + 1) === 45 ? 1 : 0;
    const exponentEnd = digitsEnd(text, cursor + 1 + sign);
    if (exponentEnd > cursor + 1 + sign && !isLetter(text.charCodeAt(exponentEnd))) cursor = exponentEnd;
  }
  return cursor;
}

/**
 * Splits a normalized message (see normalizeText) into tokens. Letters and digits are split apart
 * ("2kg" → 2, kg; "x2" → x, 2) so that every spelling of a quantity reads the same. Commas and points
 * between digits are decimal separators; elsewhere they end an item.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let lineStart = true;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (isSpace(code)) {
      index++;
      continue;
    }
    if (lineStart && isDigit(code)) {
      const bulletEnd = numberedBulletEnd(text, index);
      if (bulletEnd > 0) {
        tokens.push({ kind: "break", text: "bullet", start: index, end: bulletEnd });
        index = bulletEnd;
        lineStart = false;
        continue;
      }
    }
    lineStart = code === 10;
    if (isLetter(code)) {
      const start = index;
      while (index < text.length && isLetter(text.charCodeAt(index))) index++;
      tokens.push({ kind: "word", text: text.slice(start, index), start, end: index });
      continue;
    }
    const negative = code === 45 && isDigit(text.charCodeAt(index + 1));
    if (isDigit(code) || negative) {
      const start = index;
      index = numberEnd(text, negative ? index + 1 : index);
      tokens.push({ kind: "number", text: text.slice(start, index), start, end: index });
      continue;
    }
    if (code === 38) {
      // "arroz & feijão": the ampersand joins items like " e ".
      tokens.push({ kind: "word", text: "e", start: index, end: index + 1 });
      index++;
      continue;
    }
    if (code === 45 && isLetter(text.charCodeAt(index - 1)) && isLetter(text.charCodeAt(index + 1))) {
      // A hyphen inside a word ("twenty-two", "banana-prata") only separates words.
      index++;
      continue;
    }
    if (isBreak(code)) {
      const previous = tokens[tokens.length - 1];
      const abbreviation =
        code === 47 && previous?.kind === "word" && previous.end === index
          ? SLASH_ABBREVIATIONS.get(previous.text)
          : undefined;
      if (previous && abbreviation) {
        // "p/ salada", "c/ casca": the slash abbreviates a word, it does not end the item.
        tokens[tokens.length - 1] = { ...previous, text: abbreviation };
        index++;
        continue;
      }
      if (
        code === 46 &&
        previous?.kind === "word" &&
        unitWord(previous.text) &&
        /^ *d[aeo] /.test(text.slice(index + 1, index + 6))
      ) {
        // "2 kg. de tomate": the point abbreviates the unit, it does not end the item.
        index++;
        continue;
      }
      if (previous?.kind !== "break")
        tokens.push({ kind: "break", text: text[index] as string, start: index, end: index + 1 });
      index++;
      continue;
    }
    // Other symbols (#, %, $, quotes) separate words without ending an item.
    index++;
  }
  return tokens;
}
