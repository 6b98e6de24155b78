import type { CompiledCatalog, VocabularyWord } from "./compile-catalog.ts";
import { editDistance } from "./edit-distance.ts";
import { phoneticKey } from "./phonetic-key.ts";

/** Edits tolerated for a word whose sound key has `length` letters: none for short words, where a typo is a new word. */
function allowedEdits(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  return 2;
}

/** Longer "words" are pasted garbage, never a product with a typo. */
const MAX_FUZZY_LENGTH = 24;

export interface FuzzyHit {
  word: string;
  distance: number;
}

/**
 * Catalog words that sound like `word` within `extraEdits` more than allowedEdits, best first, ties by
 * the word itself so the answer never depends on catalog order. Only words whose sound key starts with
 * the same letter (or, for a swap of the first two letters, with the second) are compared.
 */
export function similarCatalogWords(
  word: string,
  catalog: CompiledCatalog,
  extraEdits: number,
  maxHits: number,
): FuzzyHit[] {
  if (word.length > MAX_FUZZY_LENGTH || word.length < 3) return [];
  const phonetic = phoneticKey(word);
  const limit = allowedEdits(phonetic.length) + extraEdits;
  const hits: FuzzyHit[] = [];
  const compare = (bucket: readonly VocabularyWord[] | undefined, swapped: boolean): void => {
    if (!bucket) return;
    for (const candidate of bucket) {
      if (swapped && candidate.phonetic[1] !== phonetic[0]) continue;
      if (Math.abs(candidate.phonetic.length - phonetic.length) > limit) continue;
      const distance = editDistance(phonetic, candidate.phonetic, limit);
      if (distance <= limit) hits.push({ word: candidate.word, distance });
    }
  };
  compare(catalog.vocabularyByInitial.get(phonetic[0] ?? ""), false);
  if (phonetic.length > 1 && phonetic[1] !== phonetic[0])
    compare(catalog.vocabularyByInitial.get(phonetic[1] ?? ""), true);
  hits.sort(
    (first, second) =>
      first.distance - second.distance || (first.word < second.word ? -1 : first.word > second.word ? 1 : 0),
  );
  return hits.slice(0, maxHits);
}

/**
 * Catalog words sharing a long beginning with `word` ("tomatinho" and "tomate" share "tomat"): at least
 * four letters and most of the shorter word. Diminutives and run-on spellings are too far for edit distance.
 */
export function catalogWordsSharingPrefix(word: string, catalog: CompiledCatalog, maxHits: number): string[] {
  if (word.length < 4 || word.length > MAX_FUZZY_LENGTH) return [];
  const bucket = catalog.vocabularyByInitial.get(phoneticKey(word)[0] ?? "") ?? [];
  const hits: string[] = [];
  for (const candidate of bucket) {
    const shorter = Math.min(word.length, candidate.word.length);
    let shared = 0;
    while (shared < shorter && word.charCodeAt(shared) === candidate.word.charCodeAt(shared)) shared++;
    if (shared >= 4 && shared * 5 >= shorter * 3 && candidate.word !== word) hits.push(candidate.word);
    if (hits.length >= maxHits) break;
  }
  return hits;
}
