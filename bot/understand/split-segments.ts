import type { CompiledCatalog } from "./compile-catalog.ts";
import type { Piece } from "./read-quantities.ts";
import { singularize } from "./singularize.ts";
import { CONNECTING_WORDS } from "./word-lists.ts";

const AND_WORDS = new Set(["e", "and"]);

/** Product words (singular, no articles) of the word pieces next to `index`, walking in `step` direction. */
function neighbourWords(pieces: readonly Piece[], index: number, step: 1 | -1, count: number): string[] {
  const words: string[] = [];
  for (let cursor = index + step; words.length < count; cursor += step) {
    const piece = pieces[cursor];
    if (piece?.kind !== "word") break;
    if (!CONNECTING_WORDS.has(piece.text)) words.push(singularize(piece.text));
  }
  return step === -1 ? words.reverse() : words;
}

/** Whether the " e " at `index` is inside a catalog name such as "Romeu e Julieta". */
function insideProductName(pieces: readonly Piece[], index: number, catalog: CompiledCatalog): boolean {
  for (const phrase of catalog.phrasesWithAnd) {
    const position = phrase.indexOf("e");
    const before = neighbourWords(pieces, index, -1, position);
    const after = neighbourWords(pieces, index, 1, phrase.length - position - 1);
    if (before.length !== position || after.length !== phrase.length - position - 1) continue;
    if (
      before.every((word, offset) => word === phrase[offset]) &&
      after.every((word, offset) => word === phrase[position + 1 + offset])
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Splits a message into items at line breaks, bullets, punctuation and " e " / " and ". Amounts were already
 * read, so the " e " of "2 e meio kg" and "dúzia e meia" is gone by now; an " e " inside a catalog name stays.
 */
export function splitSegments(pieces: readonly Piece[], catalog: CompiledCatalog): Piece[][] {
  const segments: Piece[][] = [];
  let current: Piece[] = [];
  const close = (): void => {
    if (current.length > 0) segments.push(current);
    current = [];
  };
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index] as Piece;
    if (piece.kind === "break") {
      close();
      continue;
    }
    if (
      piece.kind === "word" &&
      AND_WORDS.has(piece.text) &&
      !(catalog.phrasesWithAnd.length > 0 && insideProductName(pieces, index, catalog))
    ) {
      close();
      continue;
    }
    current.push(piece);
  }
  close();
  return segments;
}
