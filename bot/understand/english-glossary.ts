import { READER_WORDS } from "./reader-words.ts";
import { unitWord } from "./unit-words.ts";
import { CONNECTING_WORDS, isProductCandidate } from "./word-lists.ts";

/**
 * English grocery words and their Portuguese names (words/en.json's glossary), so that "2kg of tomatoes and a dozen
 * eggs" reads against a Portuguese catalog. Written folded and in Portuguese order; articles and prepositions are
 * dropped when the table is built, as catalog names drop them ("peito de frango" is matched as "peito frango").
 * Plurals are generated (tomato → tomatoes, berry → berries). A phrase listed wins over the word-by-word reading,
 * for names whose parts translate badly ("dish soap" is "detergente", not "sabão de prato").
 */
const NOUNS = READER_WORDS.glossaryNouns;
/**
 * English modifiers and their Portuguese form, which follows the noun and agrees with it ("black beans" → "feijão
 * preto", "red apples" → "maçã vermelha"). Written in the masculine.
 */
const MODIFIERS = READER_WORDS.glossaryModifiers;
/**
 * The form some nouns take when they describe another noun ("pork ribs" → "costela suína", "beef liver" → "fígado
 * bovino"). Any other noun describes as itself, the "de" of "água de coco" being dropped anyway.
 */
const NOUNS_AS_MODIFIERS = READER_WORDS.glossaryNounsAsModifiers;
/** Portuguese nouns not ending in "a" that are feminine, and nouns ending in "a" that are masculine. */
const FEMININE_NOUNS = READER_WORDS.feminineNouns;
const MASCULINE_NOUNS = READER_WORDS.masculineNouns;

interface Entry {
  /** Portuguese words in Portuguese order, without articles and prepositions. */
  words: readonly string[];
  /** The words when this noun describes the noun after it in English; absent for modifiers. */
  asModifier: readonly string[] | null;
  /** A modifier follows its noun in Portuguese and agrees with it. */
  modifier: boolean;
  /** Written in the plural ("tomatoes"): a product of its own, never a description of the next word. */
  plural: boolean;
}

function phraseWords(text: string): string[] {
  return text.split(/[\s-]+/).filter((word) => word.length > 0 && !CONNECTING_WORDS.has(word));
}

function pluralsOf(word: string): string[] {
  if (/[^aeiou]y$/.test(word)) return [`${word.slice(0, -1)}ies`, `${word}s`];
  if (/(?:o|ch|sh|s|x|z)$/.test(word)) return [`${word}es`, `${word}s`];
  if (word.endsWith("f")) return [`${word.slice(0, -1)}ves`, `${word}s`];
  return [`${word}s`];
}

const TRANSLATIONS = new Map<string, Entry>();
let longestPhrase = 1;
const plurals: [string, Entry][] = [];
for (const [english, portuguese] of NOUNS) {
  const words = phraseWords(english);
  const modifierForm = NOUNS_AS_MODIFIERS.get(english);
  const entry: Entry = {
    words: phraseWords(portuguese),
    asModifier: modifierForm ? phraseWords(modifierForm) : null,
    modifier: false,
    plural: false,
  };
  TRANSLATIONS.set(words.join(" "), entry);
  longestPhrase = Math.max(longestPhrase, words.length);
  for (const plural of pluralsOf(words[words.length - 1] as string)) {
    plurals.push([[...words.slice(0, -1), plural].join(" "), { ...entry, plural: true }]);
  }
}
for (const [english, portuguese] of MODIFIERS) {
  const key = phraseWords(english).join(" ");
  TRANSLATIONS.set(key, { words: phraseWords(portuguese), asModifier: null, modifier: true, plural: false });
  longestPhrase = Math.max(longestPhrase, key.split(" ").length);
}
for (const [english, portuguese] of NOUNS_AS_MODIFIERS) {
  if (TRANSLATIONS.has(english)) continue;
  TRANSLATIONS.set(english, { words: phraseWords(portuguese), asModifier: null, modifier: true, plural: false });
}
// Listed phrases win over generated plurals ("fish" is not the plural of anything).
for (const [key, entry] of plurals) if (!TRANSLATIONS.has(key)) TRANSLATIONS.set(key, entry);

/** Translated words, each with the span of input words it came from (for mapping matches back). */
export interface Translation {
  words: string[];
  sourceStart: number[];
  sourceEnd: number[];
  /** For each word, which English noun's name it is part of ("creme" and "leite" of "cream"), or -1. */
  noun: number[];
}

/** A stretch of the input: a glossary phrase, words the glossary does not know, or a word that ends a name. */
type Part = NamePart | { kind: "other"; word: string; start: number; end: number };
/** A part that can belong to a product's name. */
type NamePart =
  | { kind: "entry"; entry: Entry; start: number; end: number }
  | { kind: "unknown"; words: string[]; start: number; end: number };

const LETTERS = /^[a-z]+$/;

/** Words that can be part of a product's name: not amounts, units, verbs of ordering, politeness or small talk. */
function namesGoods(word: string): boolean {
  return LETTERS.test(word) && unitWord(word) === undefined && isProductCandidate(word);
}

function glossaryPhraseAt(words: readonly string[], index: number): { entry: Entry; length: number } | null {
  for (let length = Math.min(longestPhrase, words.length - index); length >= 1; length--) {
    const entry = TRANSLATIONS.get(
      length === 1 ? (words[index] as string) : words.slice(index, index + length).join(" "),
    );
    if (entry) return { entry, length };
  }
  return null;
}

function splitParts(words: readonly string[]): Part[] {
  const parts: Part[] = [];
  let index = 0;
  while (index < words.length) {
    const word = words[index] as string;
    const found = glossaryPhraseAt(words, index);
    if (found) {
      parts.push({ kind: "entry", entry: found.entry, start: index, end: index + found.length });
      index += found.length;
      continue;
    }
    const previous = parts[parts.length - 1];
    if (!namesGoods(word)) parts.push({ kind: "other", word, start: index, end: index + 1 });
    // Unknown words next to each other stay together and in their order: "minas frescal cheese".
    else if (previous?.kind === "unknown" && previous.end === index) {
      previous.words.push(word);
      previous.end = index + 1;
    } else parts.push({ kind: "unknown", words: [word], start: index, end: index + 1 });
    index++;
  }
  return parts;
}

function isFeminine(noun: string): boolean {
  if (FEMININE_NOUNS.has(noun)) return true;
  return noun.endsWith("a") && !MASCULINE_NOUNS.has(noun);
}

/** A one-word Portuguese adjective in the gender of its noun: "moído" → "moída" for "carne". */
function agree(words: readonly string[], feminine: boolean): readonly string[] {
  const only = words[0];
  if (!feminine || words.length !== 1 || !only?.endsWith("o")) return words;
  return [`${only.slice(0, -1)}a`];
}

/**
 * English puts the describing words first and the noun last ("minas cheese", "coconut water", "chicken
 * breast"); Portuguese puts the noun first ("queijo minas", "água de coco", "peito de frango"). A name of
 * several parts is turned around when its last part is a noun and nothing before it is a plural, since
 * "tomatoes onions" is a list, not a name. Returns the Portuguese words of each part, in order.
 */
function reorderName(name: readonly NamePart[]): { words: readonly string[]; noun: boolean }[] | null {
  const last = name[name.length - 1];
  if (name.length < 2 || !last || (last.kind === "entry" && last.entry.modifier)) return null;
  if (name.slice(0, -1).some((part) => part.kind === "entry" && part.entry.plural)) return null;
  if (!name.some((part) => part.kind === "entry")) return null;
  const headWord = last.kind === "entry" ? last.entry.words[0] : undefined;
  const feminine = headWord !== undefined && isFeminine(headWord);
  return [...name].reverse().map((part, position) => {
    if (part.kind === "unknown") return { words: part.words, noun: false };
    if (position === 0) return { words: part.entry.words, noun: true };
    if (part.entry.modifier) return { words: agree(part.entry.words, feminine), noun: false };
    return { words: part.entry.asModifier ? agree(part.entry.asModifier, feminine) : part.entry.words, noun: false };
  });
}

/**
 * Replaces English product words by their Portuguese names, longest phrase first (["red", "onions"] →
 * ["cebola", "roxa"]), and turns English compound names into Portuguese order (["minas", "cheese"] →
 * ["queijo", "minas"]). Words the glossary does not know are kept as they are. Returns null when nothing was
 * translated, so the caller can skip a second lookup.
 */
export function translateEnglish(words: readonly string[]): Translation | null {
  const translation: Translation = { words: [], sourceStart: [], sourceEnd: [], noun: [] };
  let nouns = 0;
  const emit = (portuguese: readonly string[], start: number, end: number, noun = false): void => {
    const id = noun ? nouns++ : -1;
    for (const word of portuguese) {
      translation.words.push(word);
      translation.sourceStart.push(start);
      translation.sourceEnd.push(end);
      translation.noun.push(id);
    }
  };
  const parts = splitParts(words);
  if (!parts.some((part) => part.kind === "entry")) return null;
  let index = 0;
  while (index < parts.length) {
    const part = parts[index] as Part;
    if (part.kind === "other") {
      emit([part.word], part.start, part.end);
      index++;
      continue;
    }
    const name: NamePart[] = [part];
    for (let next = parts[index + 1]; next && next.kind !== "other"; next = parts[index + name.length]) name.push(next);
    const reordered = reorderName(name);
    if (reordered) {
      // A match inside the turned-around name maps back to the whole name as the customer wrote it.
      const stop = (name[name.length - 1] as NamePart).end;
      for (const portuguese of reordered) emit(portuguese.words, part.start, stop, portuguese.noun);
    } else {
      for (const piece of name) {
        if (piece.kind === "entry") emit(piece.entry.words, piece.start, piece.end, !piece.entry.modifier);
        else
          for (const [offset, word] of piece.words.entries())
            emit([word], piece.start + offset, piece.start + offset + 1);
      }
    }
    index += name.length;
  }
  return translation;
}
