import type { CompiledCatalog, PhraseTarget } from "./compile-catalog.ts";
import { translateEnglish } from "./english-glossary.ts";
import { similarCatalogWords } from "./fuzzy-word.ts";
import { matchProducts, type ProductMatch } from "./match-products.ts";
import type { Piece, WrittenQuantity } from "./read-quantities.ts";
import { READER_WORDS } from "./reader-words.ts";
import { singularize } from "./singularize.ts";
import type { WrittenUnit } from "./unit-words.ts";
import {
  ADD_WORDS,
  CHANGE_WORDS,
  CONNECTING_WORDS,
  DESCRIBING_WORDS,
  isProductCandidate,
  KIND_WORDS,
  KNOWN_GOODS,
  ORDER_WORDS,
  REMOVE_WORDS,
  SET_WORDS,
  SYNONYMS,
  TAKE_OFF_WORDS,
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
const EACH_WORDS = READER_WORDS.each;

/**
 * The verb of the line, read from the words before its first product ("tira 1kg de batata" is a removal here; the
 * amount makes it a take-off later). Setting words win over adding ones: "na verdade quero só 1kg" sets.
 */
function readMode(words: readonly string[]): SegmentMode {
  let sawNegation = false;
  let mode: SegmentMode = null;
  for (const [index, word] of words.entries()) {
    if (REMOVE_WORDS.has(word)) return "remove";
    // "mais ou menos 1kg" is about 1 kg, an amount, not "menos 1kg".
    if (TAKE_OFF_WORDS.has(word) && !(words[index - 1] === "ou" && words[index - 2] === "mais")) return "take_off";
    if (word === "nao" || word === "dont") sawNegation = true;
    else if (ORDER_WORDS.has(word) || ADD_WORDS.has(word)) {
      // "não quero mais o tomate"
      if (sawNegation) return "remove";
      if (ADD_WORDS.has(word) && mode !== "replace" && !(word === "mais" && words[index + 1] === "ou")) mode = "add";
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

/** Replaces each word the catalog lacks by a synonym it has ("porco" → "suina" for "Costela Suína"). */
function useCatalogSynonyms(words: (string | null)[], catalog: CompiledCatalog): void {
  words.forEach((word, index) => {
    if (word === null || catalog.vocabulary.has(word)) return;
    const synonym = SYNONYMS.get(word)?.find((candidate) => catalog.vocabulary.has(candidate));
    if (synonym) words[index] = synonym;
  });
}

/** Products named in English ("minas cheese" is "queijo minas"), spans given in the line's own words. */
function findEnglishProducts(rawWords: readonly string[], catalog: CompiledCatalog): ProductMatch[] {
  const translation = translateEnglish(rawWords);
  if (!translation) return [];
  const translated = translation.words.map((word) => (word === SENTINEL ? null : singularize(word)));
  const matches = matchProducts(translated, catalog);
  // "cream" is "creme de leite": a product named by part of one English noun's name is another kind of it.
  const covered = new Set(matches.flatMap((match) => range(match.start, match.end)));
  const namesMore = (match: ProductMatch): boolean => {
    const skus = namedSkus(match.target);
    const nouns = new Set(range(match.start, match.end).map((index) => translation.noun[index]));
    return translated.some(
      (word, index) =>
        !covered.has(index) &&
        (translation.noun[index] ?? -1) >= 0 &&
        nouns.has(translation.noun[index]) &&
        isWord(word) &&
        word.length >= MIN_KIND_LENGTH &&
        isProductCandidate(word) &&
        !DESCRIBING_WORDS.has(word) &&
        // "brown eggs" are "ovos vermelhos": a colour or a kind in an English name is left to the catalog's names.
        !KIND_WORDS.has(word) &&
        !skus.some((sku) => catalog.skusByWord.get(word)?.includes(sku)),
    );
  };
  return matches
    .filter((match) => !namesMore(match))
    .map((match) => ({
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
  // "banana prata" is not "banana" and a "prato" one letter away: a correction must lengthen a name, not add a
  // product right after another.
  const addsNeighbour = corrected.some(
    (match, index) =>
      corrected[index - 1]?.end === match.start &&
      correctedWords.slice(match.start, match.end).some((word, offset) => word !== words[match.start + offset]),
  );
  return coverage(corrected) > coverage(exact) && !addsNeighbour ? corrected : exact;
}

/**
 * Reads one item line: the products it names (longest catalog phrase first), which amounts belong to which
 * product, the verb (add, remove, replace), and what named nothing. Amounts before the first product go
 * forward to the next product ("2kg tomate 1kg cebola"); a line that starts with a product and puts the
 * amount after it ("tomate 3kg; cebola 2kg", "tomate x2") gives each product the amounts that follow it.
 */
export function readSegment(
  pieces: readonly Piece[],
  catalog: CompiledCatalog,
  budget: FuzzyBudget,
  english: boolean,
): SegmentReading {
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

  useCatalogSynonyms(words, catalog);
  const found = findProducts(words, rawWords, catalog, budget);
  // "1kg of coalho cheese": the word after the product is English for the rest of its name. In Portuguese the word
  // after it names another kind ("banana prata"), which namesOtherKind below leaves out.
  const matches = english && namesAnotherKind(found, words, catalog) ? findEnglishProducts(rawWords, catalog) : found;
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

  // Products named with a kind the catalog lacks ("cebola roxa" when only Cebola is sold) or as the goods a purpose
  // is for ("laranja pera pra suco") go, with their amounts: a related product is never taken for the one asked.
  let otherKind: SegmentReading["unknown"] = null;
  for (let index = matches.length - 1; index >= 0; index--) {
    // English puts the kind before the goods ("red onions"), which the translation has read already.
    const kind = english ? null : namesOtherKind(matches, index, words, pieces, pieceOfWord, catalog);
    if (kind) {
      const startPiece = pieces[pieceOfWord[kind.start] as number] as Piece;
      const endPiece = pieces[pieceOfWord[kind.end - 1] as number] as Piece;
      otherKind = {
        start: startPiece.start,
        end: endPiece.end,
        words: words.slice(kind.start, kind.end).filter(isWord),
      };
      mentions.splice(kind.firstMatch, index - kind.firstMatch + 1);
      index = kind.firstMatch;
    } else if (
      mentions.length > 1 &&
      (mentions[index]?.quantities.length ?? 0) === 0 &&
      followsPurpose(matches, index, pieces, pieceOfWord)
    ) {
      mentions.splice(index, 1);
    }
  }

  mergeRepeatedProducts(mentions);

  const asksForGoods =
    quantities.some((quantity) => quantity.explicitNumber) || wordsBefore.some((word) => ORDER_WORDS.has(word));
  const unknown =
    mentions.length === 0 && !greetsOnly(pieces, asksForGoods, quantities)
      ? (otherKind ?? unknownSpan(pieces))
      : otherKind;
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

const OF_WORDS = wordSet("de da do das dos");
/** Shorter words ("p" of "p/ salada", "c" of "c/ casca") are abbreviations, not kinds of goods. */
const MIN_KIND_LENGTH = 2;
const PURPOSE_WORDS = READER_WORDS.purpose;

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, offset) => start + offset);
}

function isWord(word: string | null | undefined): word is string {
  return typeof word === "string";
}

/** Whether one of the pieces strictly between two piece positions is "de" (or "da", "do"…). */
function ofBetween(pieces: readonly Piece[], from: number, to: number): boolean {
  for (let index = from + 1; index < to; index++) {
    const piece = pieces[index];
    if (piece?.kind === "word" && OF_WORDS.has(piece.text)) return true;
  }
  return false;
}

/**
 * Whether the product at `index` is named with words that make it another kind of goods, which the catalog lacks:
 * a word after it that is neither its own nor a description ("cebola roxa", "tomate cereja", "manteiga sem sal"), or
 * a noun before it joined by "de" ("creme de leite", "asa de frango", "polpa de goiaba" when the catalog's polpas
 * are other fruits). Returns the words naming that other kind, and the first match they cover.
 */
function namesOtherKind(
  matches: readonly ProductMatch[],
  index: number,
  words: readonly (string | null)[],
  pieces: readonly Piece[],
  pieceOfWord: readonly number[],
  catalog: CompiledCatalog,
): { start: number; end: number; firstMatch: number } | null {
  const match = matches[index] as ProductMatch;
  const skus = namedSkus(match.target);
  const qualifies = (word: string | null | undefined): boolean =>
    isWord(word) &&
    word.length >= MIN_KIND_LENGTH &&
    isProductCandidate(word) &&
    !DESCRIBING_WORDS.has(word) &&
    !skus.some((sku) => catalog.skusByWord.get(word)?.includes(sku));
  const nextMatch = matches[index + 1];
  const next = match.end;
  if (qualifies(words[next]) && nextMatch?.start !== next)
    return { start: match.start, end: next + 1, firstMatch: index };
  // "manteiga sem sal" when the catalog sells "Manteiga com Sal": "sem" names the other kind, even with its own word.
  const without = words[next + 1];
  if (words[next] === "sem" && isWord(without) && isProductCandidate(without) && nextMatch?.start !== next + 1)
    return { start: match.start, end: next + 2, firstMatch: index };
  const previous = match.start - 1;
  if (previous < 0 || !qualifies(words[previous])) return null;
  if (!ofBetween(pieces, pieceOfWord[previous] as number, pieceOfWord[match.start] as number)) return null;
  const previousMatch = index > 0 ? (matches[index - 1] as ProductMatch) : null;
  if (!previousMatch || previousMatch.end !== match.start)
    return { start: previous, end: match.end, firstMatch: index };
  // "polpa de goiaba", "linguiça de frango": the word before named no product by itself, only a family of them.
  const family =
    previousMatch.target.kind === "ambiguous" ||
    (previousMatch.end - previousMatch.start === 1 && catalog.partialNames.has(words[previous] as string));
  return family ? { start: previousMatch.start, end: match.end, firstMatch: index - 1 } : null;
}

/** Whether the product at `index` follows "pra" or "para": the goods a purpose is for ("laranja pera pra suco"). */
function followsPurpose(
  matches: readonly ProductMatch[],
  index: number,
  pieces: readonly Piece[],
  pieceOfWord: readonly number[],
): boolean {
  const match = matches[index] as ProductMatch;
  const piece = pieces[(pieceOfWord[match.start] as number) - 1];
  return index > 0 && piece?.kind === "word" && PURPOSE_WORDS.has(piece.text);
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
  // "1 kg de cebola, não muito grande": a line that only describes names no goods.
  let named = false;
  pieces.forEach((piece, index) => {
    if (piece.kind !== "word" || CONNECTING_WORDS.has(piece.text) || !isProductCandidate(piece.text)) return;
    if (!DESCRIBING_WORDS.has(singularize(piece.text))) named = true;
    if (first < 0) first = index;
    last = index;
  });
  if (first < 0 || !named) return null;
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
