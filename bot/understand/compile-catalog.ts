import type { CatalogEntry } from "../../core/domain/catalog.ts";
import { phoneticKey } from "./phonetic-key.ts";
import { productWords } from "./product-words.ts";
import { unitWord } from "./unit-words.ts";
import {
  CONNECTING_WORDS,
  DESCRIBING_WORDS,
  FILLER_WORDS,
  KIND_WORDS,
  KINDS_NAMED_ALONE,
  KNOWN_GOODS,
  PART_WORDS,
  SYNONYMS,
} from "./word-lists.ts";

/** What a phrase of words names: one product, or several equally well (the customer must choose). */
export type PhraseTarget = { kind: "product"; sku: string } | { kind: "ambiguous"; skus: readonly string[] };

/** A catalog word with its sound key, for typo-tolerant lookup. */
export interface VocabularyWord {
  word: string;
  phonetic: string;
}

/** A catalog prepared once per catalog version, so each message is read without rescanning products. */
export interface CompiledCatalog {
  readonly products: ReadonlyMap<string, CatalogEntry>;
  /** Product words joined by a space ("cebola roxa") → what they name. */
  readonly phrases: ReadonlyMap<string, PhraseTarget>;
  /** The most words in one phrase: the matcher never tries longer windows. */
  readonly longestPhrase: number;
  /**
   * One-word phrases naming products whose names are longer ("arroz" for "Arroz Integral", as its first word or an
   * alias): followed by another word, the customer may mean another kind, which the catalog lacks.
   */
  readonly partialNames: ReadonlySet<string>;
  /** Phrases containing the word "e" ("romeu e julieta"): an " e " inside them does not split items. */
  readonly phrasesWithAnd: readonly (readonly string[])[];
  /** Catalog words by the first letter of their sound key, for fuzzy matching. */
  readonly vocabularyByInitial: ReadonlyMap<string, readonly VocabularyWord[]>;
  /** Every catalog word (exact, singular): words already known skip fuzzy matching. */
  readonly vocabulary: ReadonlySet<string>;
  /** Catalog word → skus whose names contain it, for "você quis dizer …?". */
  readonly skusByWord: ReadonlyMap<string, readonly string[]>;
}

/** How strongly a phrase names a product: a full name beats an alias, which beats a first word. */
enum Strength {
  Name = 0,
  Sku = 1,
  Alias = 2,
  FirstWord = 3,
  /**
   * The name without its first word ("mussarela" for "Queijo Mussarela", "espaguete" for "Macarrão Espaguete"), or
   * shortened ("queijo minas" for "Queijo Minas Frescal").
   */
  Tail = 4,
  /** A name of several words with one word said another way ("costela de porco" for "Costela Suína"). */
  Synonym = 5,
  /**
   * The goods a part is cut from ("frango" for "Peito de Frango"): never a product by itself, it makes a first word
   * ("frango" of "Frango Inteiro") name several products, so the customer chooses.
   */
  PartOf = 6,
}

interface Claim {
  sku: string;
  strength: Strength;
}

/**
 * Prepares a catalog for understandMessage: the phrases that name each product (name, sku, aliases, and
 * the first word of the name when no other product shares it) and the vocabulary for typo tolerance.
 * Conflicts are settled by strength, then by sku, so the result never depends on the catalog's order.
 */
export function compileCatalog(entries: readonly CatalogEntry[]): CompiledCatalog {
  const products = new Map<string, CatalogEntry>();
  const nameLengths = new Map<string, number>();
  const claims = new Map<string, Claim[]>();
  const addClaim = (words: readonly string[], sku: string, strength: Strength): void => {
    const key = words.join(" ");
    const list = claims.get(key);
    if (list) list.push({ sku, strength });
    else claims.set(key, [{ sku, strength }]);
  };
  const claim = (words: readonly string[], sku: string, strength: Strength): void => {
    if (words.length === 0) return;
    addClaim(words, sku, strength);
    // A lone word the catalog lacks is replaced by the catalog's synonym as the message is read; a word the catalog
    // has for another product ("porco" of "Costela de Porco") is not, so names of several words get each synonym.
    if (words.length < 2) return;
    words.forEach((word, index) => {
      for (const synonym of SYNONYMS.get(word) ?? []) addClaim(words.with(index, synonym), sku, Strength.Synonym);
    });
  };
  for (const entry of entries) {
    products.set(entry.sku, entry);
    const nameWords = productWords(entry.name);
    nameLengths.set(entry.sku, nameWords.length);
    claim(nameWords, entry.sku, Strength.Name);
    claim(productWords(entry.sku.replace(/[-_.]+/g, " ")), entry.sku, Strength.Sku);
    for (const alias of entry.aliases) claim(productWords(alias), entry.sku, Strength.Alias);
    const firstWord = nameWords[0];
    if (nameWords.length > 1 && firstWord && firstWord.length >= 3 && !isReservedWord(firstWord)) {
      claim([firstWord], entry.sku, Strength.FirstWord);
    }
    const tail = nameWords.slice(1);
    if (namesAlone(tail)) claim(tail, entry.sku, Strength.Tail);
    // "queijo minas" for "Queijo Minas Frescal", "leite integral" for "Leite de Vaca Integral": the name shortened
    // from the end, or to its first and last words, still names it when no other product shares the shorter name.
    for (let length = 2; length < nameWords.length; length++)
      claim(nameWords.slice(0, length), entry.sku, Strength.Tail);
    const lastWord = nameWords[nameWords.length - 1];
    if (nameWords.length > 2 && firstWord && lastWord) claim([firstWord, lastWord], entry.sku, Strength.Tail);
    const whole = wholeGoods(nameWords);
    if (whole) addClaim([whole], entry.sku, Strength.PartOf);
  }

  const phrases = new Map<string, PhraseTarget>();
  const phrasesWithAnd: string[][] = [];
  const partialNames = new Set<string>();
  const skusByWord = new Map<string, Set<string>>();
  let longestPhrase = 1;
  for (const [key, list] of claims) {
    const strongest = Math.min(...list.map((item) => item.strength));
    const words = key.split(" ");
    for (const word of words) {
      const wordSkus = skusByWord.get(word) ?? new Set<string>();
      skusByWord.set(word, wordSkus);
      for (const item of list) if (item.strength !== Strength.Synonym) wordSkus.add(item.sku);
    }
    if (strongest === Strength.PartOf) continue;
    // "frango" is the first word of "Frango Inteiro", and "Peito de Frango" is frango too: the customer chooses.
    const choices = strongest === Strength.FirstWord ? [Strength.FirstWord, Strength.PartOf] : [strongest];
    const skus = [...new Set(list.filter((item) => choices.includes(item.strength)).map((item) => item.sku))].sort();
    // Two products sharing only a first word ("queijo" for coalho and manteiga): the customer must choose.
    // Two products sharing a full name or alias is a catalog mistake: the lowest sku wins, deterministically.
    const target: PhraseTarget =
      skus.length > 1 && strongest >= Strength.FirstWord
        ? { kind: "ambiguous", skus }
        : { kind: "product", sku: skus[0] as string };
    phrases.set(key, target);
    if (words.length === 1 && skus.every((sku) => (nameLengths.get(sku) ?? 0) > 1)) partialNames.add(key);
    longestPhrase = Math.max(longestPhrase, words.length);
    if (words.includes("e")) phrasesWithAnd.push(words);
  }
  for (const [word, skus] of skusByWord) if (skus.size === 0) skusByWord.delete(word);

  const vocabulary = new Set<string>();
  const vocabularyByInitial = new Map<string, VocabularyWord[]>();
  for (const word of [...skusByWord.keys()].sort()) {
    vocabulary.add(word);
    if (word.length < 3 || isReservedWord(word)) continue;
    const phonetic = phoneticKey(word);
    const initial = phonetic[0] ?? "";
    const bucket = vocabularyByInitial.get(initial) ?? [];
    vocabularyByInitial.set(initial, bucket);
    bucket.push({ word, phonetic });
  }

  const sortedSkusByWord = new Map<string, readonly string[]>();
  for (const [word, skus] of skusByWord) sortedSkusByWord.set(word, [...skus].sort());

  return {
    products,
    phrases,
    longestPhrase,
    partialNames,
    phrasesWithAnd,
    vocabularyByInitial,
    vocabulary,
    skusByWord: sortedSkusByWord,
  };
}

/**
 * Whether the rest of a name, after its first word, names the product by itself: a kind customers write alone
 * ("mussarela", "calabresa", "espaguete", "minas frescal"), not a description ("integral", "verde") nor goods of their
 * own ("cereja" of "Tomate Cereja", "uva" of "Suco de Uva"), which would take one product for another.
 */
function namesAlone(tail: readonly string[]): boolean {
  const [first] = tail;
  if (!first || first.length < 4 || isReservedWord(first) || DESCRIBING_WORDS.has(first) || KIND_WORDS.has(first))
    return false;
  return tail.length > 1 || !KNOWN_GOODS.has(first) || KINDS_NAMED_ALONE.has(first);
}

/**
 * The goods a product named after one of their parts is cut from: "frango" for "Peito de Frango" and "Filé de Peito
 * de Frango", "peru" for "Peito de Peru Defumado"; none for other names.
 */
function wholeGoods(nameWords: readonly string[]): string | undefined {
  if (!PART_WORDS.has(nameWords[0] ?? "")) return undefined;
  return nameWords.find(
    (word, index) =>
      index > 0 &&
      !PART_WORDS.has(word) &&
      !CONNECTING_WORDS.has(word) &&
      word !== "e" &&
      !DESCRIBING_WORDS.has(word) &&
      !KIND_WORDS.has(word),
  );
}

/** Words that mean something to the reader already and must not become product names by themselves. */
function isReservedWord(word: string): boolean {
  return FILLER_WORDS.has(word) || unitWord(word) !== undefined;
}
