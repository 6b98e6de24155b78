/**
 * A message folded for reading: lower case, no accents, no WhatsApp formatting, no emoji or control
 * characters. `sourceIndex[i]` is the index in the original text of the character that produced `text[i]`,
 * so fragments can be shown back to the customer as they wrote them.
 */
export interface NormalizedText {
  text: string;
  sourceIndex: Int32Array;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const ASCII_LETTER_OR_DIGIT = /^[a-z0-9]+$/;

/** Folding a non-ASCII character is costly (Unicode normalization), so each one is folded once per process. */
const foldedCharacters = new Map<string, string>();

/** Characters that carry meaning in a list of items although they are not ASCII. */
const SPECIAL_CHARACTERS = new Map<string, string>([
  ["•", "\n"],
  ["·", "\n"],
  ["◦", "\n"],
  ["▪", "\n"],
  ["►", "\n"],
  ["➡", "\n"],
  ["–", "-"],
  ["—", "-"],
  ["½", " 1/2 "],
  ["¼", " 1/4 "],
  ["¾", " 3/4 "],
  ["\u2028", "\n"],
  ["\u2029", "\n"],
]);

function foldNonAscii(character: string): string {
  const known = foldedCharacters.get(character);
  if (known !== undefined) return known;
  let folded = SPECIAL_CHARACTERS.get(character);
  if (folded === undefined) {
    const stripped = character.normalize("NFD").replace(COMBINING_MARKS, "").toLowerCase();
    // Anything that does not fold to plain letters (emoji, symbols, other scripts) only separates words.
    folded = ASCII_LETTER_OR_DIGIT.test(stripped) ? stripped : " ";
  }
  // Bound the cache: hostile input could otherwise fill it with every code point.
  if (foldedCharacters.size < 4096) foldedCharacters.set(character, folded);
  return folded;
}

const LETTER = /\p{L}/u;

/** ', ’, ‘ and ´: phones type any of them for an apostrophe. */
function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 0x2018 || code === 0xb4;
}

/**
 * Whether the apostrophe at `index` starts an English "'s" ("where's", "it's", "Ana's"): it stands for "is" or
 * marks a possessive, so the word is read without it ("where", not an unknown "wheres").
 */
function startsApostropheS(text: string, index: number): boolean {
  const next = text[index + 1];
  return (next === "s" || next === "S") && LETTER.test(text[index - 1] ?? "") && !LETTER.test(text[index + 2] ?? "");
}

/** Folds a message for reading; see NormalizedText. Linear in the length of the text. */
export function normalizeText(text: string): NormalizedText {
  const output: string[] = [];
  const sourceIndex = new Int32Array(text.length * 5 + 1);
  let length = 0;
  const push = (piece: string, source: number): void => {
    output.push(piece);
    for (let k = 0; k < piece.length; k++) sourceIndex[length++] = source;
  };
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // Apostrophes join contractions ("I'd" → "id") instead of splitting them; an English "'s" goes with them.
    if (isApostrophe(code)) {
      if (startsApostropheS(text, index)) index++;
      continue;
    }
    if (code < 128) {
      if (code >= 65 && code <= 90) push(String.fromCharCode(code + 32), index);
      else if (code === 10 || code === 13) push("\n", index);
      // WhatsApp formatting marks (*bold*, _italic_, ~strike~, `mono`) say nothing about the order.
      else if (code === 42 || code === 95 || code === 126 || code === 96) push(" ", index);
      else if (code < 32 || code === 127) push(" ", index);
      else push(text[index] as string, index);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair is an emoji or a rare symbol: a word boundary, never part of a word.
      push(" ", index);
      index++;
      continue;
    }
    push(foldNonAscii(text[index] as string), index);
  }
  const folded = output.join("");
  return { text: folded, sourceIndex: sourceIndex.subarray(0, folded.length) };
}
