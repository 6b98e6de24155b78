import { READER_WORDS, TALK_NAMES, type TalkName } from "./reader-words.ts";

// The lists of words/*.json under the names the reader's modules use, and what is decided from them alone.

/** The words of a space- or newline-separated list, as a set. */
export function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter((word) => word.length > 0));
}

const words = READER_WORDS;

/** Articles and prepositions: ignored inside product names ("queijo de coalho" = "queijo coalho"). */
export const CONNECTING_WORDS = words.connecting;
/** Verbs and phrases that take items away from the order ("tira o coentro", "sem coentro", "remove the eggs"). */
export const REMOVE_WORDS = words.remove;
/** Verbs that set a quantity instead of adding to it ("troca tomate por 3kg", "muda o tomate pra 3kg"). */
export const CHANGE_WORDS = words.replace;
/** Words that ask for goods: they make an unknown product worth naming back to the customer. */
export const ORDER_WORDS = words.order;
/**
 * Words that never name a product: politeness, pronouns, greetings, verbs of ordering, vague amounts.
 * They are left out of "unknown" fragments and never corrected towards a product name.
 */
export const FILLER_WORDS = words.filler;

/**
 * How a line changes an order already made (PRODUCT.md, "Changing an order, exactly"). A line without any of these
 * words is a plain item: for a product already in the order the dialogue asks add or replace. "mais 1kg de cebola"
 * adds, "menos 1kg de cebola" takes that much off, "só 1kg de cebola" / "na verdade" sets the quantity.
 */
export const ADD_WORDS = words.add;
export const TAKE_OFF_WORDS = words.takeOff;
export const SET_WORDS = words.set;

/**
 * Goods sold in Brazilian neighbourhood groceries. One of them, written as it is spelled, is that product and not a
 * typo of a catalog word that looks like it: "sardinha" is not "salsinha", "pimentão" is not "pimenta". Only
 * distinct goods belong here, never a synonym or a spelling of another (salsa, macaxeira), which a customer may
 * well mean as the catalog's word.
 */
export const KNOWN_GOODS = words.knownGoods;
/**
 * Words that describe the goods rather than name another: "tomate bem maduro" is still the tomato, where
 * "arroz branco", when the catalog's only rice is "Arroz Integral", is not that rice.
 */
export const DESCRIBING_WORDS = words.describing;
/**
 * Words that tell kinds of the same goods apart ("Leite Integral", "Feijão Preto", "Coco Seco"): the rest of a name
 * that starts with one of them never names the product alone ("1 integral" is no product).
 */
export const KIND_WORDS = words.kinds;
/** Goods that are also the one kind of another goods they are sold as: "calabresa" alone is Linguiça Calabresa. */
export const KINDS_NAMED_ALONE = words.kindsNamedAlone;
/**
 * Names of the same goods in different regions or words ("macaxeira", "aipim", "mandioca"; "costela de porco" for
 * "Costela Suína"). A word the catalog lacks is read as the first of its group the catalog has.
 */
export const SYNONYMS = words.synonyms;
/** Parts of an animal or a plant sold as products of their own ("Peito de Frango", "Filé de Tilápia"). */
export const PART_WORDS = words.parts;

/** Laughter ("kkkk", "rsrs", "hahaha", "hehe"), also as the singular reads it ("rsr"): never goods. */
const LAUGHTER = /^(?:k{2,}|(?:rs)+r?|h?(?:ha)+h?|(?:he)+h?|(?:hu)+a?)$/;

/** Small-talk categories a message made only of known words falls into. */
export const Talk = {
  Neutral: 1,
  Greeting: 2,
  Help: 4,
  Confirm: 8,
  Cancel: 16,
  StatusStrong: 32,
  StatusWeak: 64,
  Thanks: 128,
  Catalog: 256,
  Negation: 512,
} as const;

const GREETING_PHRASES = words.greetingPhrases;

const TALK_BY_NAME: Record<TalkName, number> = {
  neutral: Talk.Neutral,
  greeting: Talk.Greeting,
  help: Talk.Help,
  confirm: Talk.Confirm,
  cancel: Talk.Cancel,
  statusStrong: Talk.StatusStrong,
  statusWeak: Talk.StatusWeak,
  thanks: Talk.Thanks,
  catalog: Talk.Catalog,
  negation: Talk.Negation,
};

const TALK_WORDS = new Map<string, number>();
for (const name of TALK_NAMES) {
  for (const word of words.talk[name]) TALK_WORDS.set(word, (TALK_WORDS.get(word) ?? 0) | TALK_BY_NAME[name]);
}

/** The small-talk categories of a folded word (a bit set of Talk), or 0 when it is not small talk. */
export function talkCategories(word: string): number {
  return TALK_WORDS.get(word) ?? 0;
}

/**
 * The small-talk categories of phrases among the words: greetings written in several words ("e aí", "e aê") greet,
 * though "e" and "aí" alone do not.
 */
export function phraseTalkCategories(words: readonly string[]): number {
  for (const phrase of GREETING_PHRASES) {
    for (let start = 0; start + phrase.length <= words.length; start++) {
      if (phrase.every((word, offset) => words[start + offset] === word)) return Talk.Greeting;
    }
  }
  return 0;
}

/** Words that suggest the message is English, and words that suggest it is Portuguese. */
export const ENGLISH_WORDS = words.languageHints.en;
export const PORTUGUESE_WORDS = words.languageHints["pt-BR"];

/** A word that may name goods: not filler, a verb of ordering, removing or changing, nor small talk. */
export function isProductCandidate(word: string): boolean {
  return (
    !FILLER_WORDS.has(word) &&
    !LAUGHTER.test(word) &&
    !ORDER_WORDS.has(word) &&
    !REMOVE_WORDS.has(word) &&
    !CHANGE_WORDS.has(word) &&
    talkCategories(word) === 0
  );
}
