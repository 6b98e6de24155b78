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
      if (negative) index++;
      while (index < text.length && isDigit(text.charCodeAt(index))) index++;
      const separator = text.charCodeAt(index);
      if ((separator === 44 || separator === 46) && isDigit(text.charCodeAt(index + 1))) {
        index++;
        while (index < text.length && isDigit(text.charCodeAt(index))) index++;
      } else if (separator === 47 && isDigit(text.charCodeAt(index + 1))) {
        index++;
        while (index < text.length && isDigit(text.charCodeAt(index))) index++;
      }
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
