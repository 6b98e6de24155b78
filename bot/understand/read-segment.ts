import { ADD_WORDS, SET_WORDS, TAKE_OFF_WORDS } from "./change-words.ts";
import type { CompiledCatalog, PhraseTarget } from "./compile-catalog.ts";
import { translateEnglish } from "./english-glossary.ts";
import { similarCatalogWords } from "./fuzzy-word.ts";
import { DESCRIBING_WORDS, KNOWN_GOODS } from "./grocery-words.ts";
import { matchProducts, type ProductMatch } from "./match-products.ts";
import type { Piece, WrittenQuantity } from "./read-quantities.ts";
import { singularize } from "./singularize.ts";
import type { WrittenUnit } from "./unit-words.ts";
import {
  CHANGE_WORDS,
  CONNECTING_WORDS,
  isProductCandidate,
  ORDER_WORDS,
  REMOVE_WORDS,
  Talk,
  talkCategories,
  wordSet,
} from "./word-lists.ts";

/**
 * What an item line asks: order (a plain item), add to it, take some off, take it away, or set the quantity. Null
 * when it says nothing (it follows the line before).
 */
export type SegmentMode = "order" | "add" | "take_off" | "remove" | "replace" | null;

/** A product named in the line, with the amounts that belong to it. */
export interface Mention {
  target: PhraseTarget;
  quantities: WrittenQuantity[];
  /** Span in the normalized text. */
  start: number;
  end: number;
}

export interface SegmentReading {
  mode: SegmentMode;
  mentions: Mention[];
  /** Span in the normalized text of the words that named no product, when the line named none. */
  unknown: { start: number; end: number; words: string[] } | null;
  quantities: WrittenQuantity[];
  /** The last unit written in the line ("dois quilos de manga e três de laranja": kg carries over). */
  lastUnit: WrittenUnit | null;
  /** A number or an ordering verb: an unknown product in such a line is worth naming back. */
  asksForGoods: boolean;
  /** "de cada", "each": the line's amount goes to each product before it. */
  each: boolean;
  /** Span of the whole line in the normalized text. */
  start: number;
  end: number;
}

/** Limits the fuzzy comparisons one message may cost, so pasted junk cannot slow the bot down. */
export interface FuzzyBudget {
  remaining: number;
}

const SENTINEL = "\u0000";
const EACH_WORDS = wordSet("cada each");

/**
 * The verb of the line, read from the words before its first product ("tira 1kg de batata" is a removal here; the
 * amount makes it a take-off later). Setting words win over adding ones: "na verdade quero só 1kg" sets.
 */
function readMode(words: readonly string[]): SegmentMode {
  let sawNegation = false;
  let mode: SegmentMode = null;
  for (const word of words) {
    if (REMOVE_WORDS.has(word)) return "remove";
    if (TAKE_OFF_WORDS.has(word)) return "take_off";
    if (word === "nao" || word === "dont") sawNegation = true;
    else if (ORDER_WORDS.has(word) || ADD_WORDS.has(word)) {
      // "não quero mais o tomate"
      if (sawNegation) return "remove";
      if (ADD_WORDS.has(word) && mode !== "replace") mode = "add";
      else if (mode === null) mode = "order";
    } else if (CHANGE_WORDS.has(word) || SET_WORDS.has(word)) mode = "replace";
  }
  return mode;
}

/** How many words the matches cover: a reading that explains more of the line is the better one. */
function coverage(matches: readonly ProductMatch[]): number {
  let words = 0;
  for (const match of matches) words += match.end - match.start;
  return words;
}

/** The words with every unknown product-like word replaced by the catalog word it most likely misspells. */
function correctTypos(
  words: readonly (string | null)[],
  catalog: CompiledCatalog,
  budget: FuzzyBudget,
): (string | null)[] | null {
  let corrected = false;
  const correctedWords = words.map((word) => {
    if (
      word === null ||
      catalog.vocabulary.has(word) ||
      KNOWN_GOODS.has(word) ||
      !isProductCandidate(word) ||
      budget.remaining <= 0
    )
      return word;
    budget.remaining--;
    const best = similarCatalogWords(word, catalog, 0, 1)[0];
    if (!best) return word;
    corrected = true;
    return best.word;
  });
  return corrected ? correctedWords : null;
}

/** Products named in English ("minas cheese" is "queijo minas"), spans given in the line's own words. */
function findEnglishProducts(rawWords: readonly string[], catalog: CompiledCatalog): ProductMatch[] {
  const translation = translateEnglish(rawWords);
  if (!translation) return [];
  const translated = translation.words.map((word) => (word === SENTINEL ? null : singularize(word)));
  return matchProducts(translated, catalog).map((match) => ({
    start: translation.sourceStart[match.start] as number,
    end: translation.sourceEnd[match.end - 1] as number,
    target: match.target,
  }));
}

/**
 * Tries exact names, then English names, then typo-tolerant names. A typo next to an exact name
 * ("cebola roxaa") is corrected too when that lets a longer name match.
 */
function findProducts(
  words: (string | null)[],
  rawWords: readonly string[],
  catalog: CompiledCatalog,
  budget: FuzzyBudget,
): ProductMatch[] {
  const exact = matchProducts(words, catalog);
  const unmatchedCandidates =
    exact.length === 0 ||
    words.some((word) => word !== null && !catalog.vocabulary.has(word) && isProductCandidate(word));
  if (!unmatchedCandidates) return exact;

  if (exact.length === 0) {
    const english = findEnglishProducts(rawWords, catalog);
    if (english.length > 0) return english;
  }

  const correctedWords = correctTypos(words, catalog, budget);
  if (!correctedWords) return exact;
  const corrected = matchProducts(correctedWords, catalog);
  return coverage(corrected) > coverage(exact) ? corrected : exact;
}

/**
 * Reads one item line: the products it names (longest catalog phrase first), which amounts belong to which
 * product, the verb (add, remove, replace), and what named nothing. Amounts before the first product go
 * forward to the next product ("2kg tomate 1kg cebola"); a line that starts with a product and puts the
 * amount after it ("tomate 3kg; cebola 2kg", "tomate x2") gives each product the amounts that follow it.
 */
export function readSegment(pieces: readonly Piece[], catalog: CompiledCatalog, budget: FuzzyBudget): SegmentReading {
  const words: (string | null)[] = [];
  const rawWords: string[] = [];
  const pieceOfWord: number[] = [];
  const quantities: WrittenQuantity[] = [];
  const quantityPieces: number[] = [];
  let lastUnit: WrittenUnit | null = null;
  pieces.forEach((piece, index) => {
    if (piece.kind === "quantity") {
      words.push(null);
      rawWords.push(SENTINEL);
      pieceOfWord.push(index);
      quantities.push(piece.quantity);
      quantityPieces.push(index);
      if (piece.quantity.unit) lastUnit = piece.quantity.unit;
    } else if (piece.kind === "word" && !CONNECTING_WORDS.has(piece.text)) {
      words.push(singularize(piece.text));
      rawWords.push(piece.text);
      pieceOfWord.push(index);
    }
  });

  const found = findProducts(words, rawWords, catalog, budget);
  // "1kg of coalho cheese": the word after the product is English for the rest of its name.
  const matches = namesAnotherKind(found, words, catalog) ? findEnglishProducts(rawWords, catalog) : found;
  const firstPiece = matches[0] ? (pieceOfWord[matches[0].start] as number) : pieces.length;
  const wordsBefore: string[] = [];
  for (let index = 0; index < firstPiece; index++) {
    const piece = pieces[index];
    if (piece?.kind === "word") wordsBefore.push(piece.text);
  }
  const mode = readMode(wordsBefore);

  const mentions: Mention[] = matches.map((match) => {
    const startPiece = pieces[pieceOfWord[match.start] as number] as Piece;
    const endPiece = pieces[pieceOfWord[match.end - 1] as number] as Piece;
    return { target: match.target, quantities: [], start: startPiece.start, end: endPiece.end };
  });
  if (mentions.length > 0) {
    const matchPieces = matches.map(
      (match) => [pieceOfWord[match.start] as number, pieceOfWord[match.end - 1] as number] as const,
    );
    const prefixStyle = quantityPieces.some((position) => position < (matchPieces[0]?.[0] ?? 0));
    quantityPieces.forEach((position, quantityIndex) => {
      // The product this amount belongs to: the next product (amount written first) or the previous one.
      let owner = prefixStyle ? matchPieces.findIndex(([start]) => position < start) : -1;
      if (!prefixStyle) {
        for (let index = matchPieces.length - 1; index >= 0; index--) {
          if ((matchPieces[index]?.[1] ?? 0) < position) {
            owner = index;
            break;
          }
        }
        if (owner < 0) owner = 0;
      }
      if (owner < 0) owner = mentions.length - 1;
      mentions[owner]?.quantities.push(quantities[quantityIndex] as WrittenQuantity);
    });
  }

  mergeRepeatedProducts(mentions);

  const asksForGoods =
    quantities.some((quantity) => quantity.explicitNumber) || wordsBefore.some((word) => ORDER_WORDS.has(word));
  const unknown = mentions.length === 0 && !greetsOnly(pieces, asksForGoods, quantities) ? unknownSpan(pieces) : null;
  return {
    mode,
    mentions,
    unknown,
    quantities,
    lastUnit,
    asksForGoods,
    each: pieces.some((piece) => piece.kind === "word" && EACH_WORDS.has(piece.text)),
    start: (pieces[0] as Piece).start,
    end: (pieces[pieces.length - 1] as Piece).end,
  };
}

/**
 * Whether the line's one product was named by one word of a longer name, followed by a word that names another
 * kind of it ("arroz branco" when the catalog's only rice is "Arroz Integral", "limão taiti" against "Limão
 * Siciliano"): that is a product the catalog lacks, not this one. A word that only describes the goods ("tomate bem
 * maduro") or one of the product's own words ("camarão cinza" for "Camarão Cinza Médio") does not count.
 */
function namesAnotherKind(
  matches: readonly ProductMatch[],
  words: readonly (string | null)[],
  catalog: CompiledCatalog,
) {
  const [only] = matches;
  if (matches.length !== 1 || !only || only.end - only.start !== 1) return false;
  const named = words[only.start];
  const next = words[only.end];
  return (
    typeof named === "string" &&
    catalog.partialNames.has(named) &&
    typeof next === "string" &&
    isProductCandidate(next) &&
    !DESCRIBING_WORDS.has(next) &&
    !namedSkus(only.target).some((sku) => catalog.skusByWord.get(next)?.includes(sku))
  );
}

function namedSkus(target: PhraseTarget): readonly string[] {
  return target.kind === "product" ? [target.sku] : target.skus;
}

/**
 * One product named twice in a line, once without an amount ("1kg of tilapia fillet", where the fillet is the same
 * "Filé de Tilápia"), is one item, not an item and a question about it.
 */
function mergeRepeatedProducts(mentions: Mention[]): void {
  for (let index = mentions.length - 1; index > 0; index--) {
    const mention = mentions[index] as Mention;
    if (mention.target.kind !== "product") continue;
    const sku = mention.target.sku;
    const first = mentions.find(
      (other, position) => position < index && other.target.kind === "product" && other.target.sku === sku,
    );
    // Both with amounts ("tomate 2kg, tomate 1kg" without a comma) are two items, which add up.
    if (!first || (first.quantities.length > 0 && mention.quantities.length > 0)) continue;
    first.quantities.push(...mention.quantities);
    first.end = Math.max(first.end, mention.end);
    mentions.splice(index, 1);
  }
}

/** The words from the line's first product-like word to its last: what it asked for that the catalog lacks. */
function unknownSpan(pieces: readonly Piece[]): SegmentReading["unknown"] {
  let first = -1;
  let last = -1;
  pieces.forEach((piece, index) => {
    if (piece.kind !== "word" || CONNECTING_WORDS.has(piece.text) || !isProductCandidate(piece.text)) return;
    if (first < 0) first = index;
    last = index;
  });
  if (first < 0) return null;
  const words: string[] = [];
  for (let index = first; index <= last; index++) {
    const piece = pieces[index];
    if (piece?.kind === "word") words.push(piece.text);
  }
  return { start: (pieces[first] as Piece).start, end: (pieces[last] as Piece).end, words };
}

/**
 * A line that greets or thanks someone and asks for nothing ("Bom dia dona Maria!", "Oi Ana", "valeu seu João"):
 * the other words in it are a name, not a product to report as unknown.
 */
function greetsOnly(pieces: readonly Piece[], asksForGoods: boolean, quantities: readonly WrittenQuantity[]): boolean {
  if (asksForGoods || quantities.length > 0) return false;
  return pieces.some(
    (piece) => piece.kind === "word" && (talkCategories(piece.text) & (Talk.Greeting | Talk.Thanks)) !== 0,
  );
}
