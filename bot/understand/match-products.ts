import type { CompiledCatalog, PhraseTarget } from "./compile-catalog.ts";

/** A catalog phrase found in a list of words: words [start, end) name `target`. */
export interface ProductMatch {
  start: number;
  end: number;
  target: PhraseTarget;
}

/**
 * Finds catalog phrases in `words` (singular product words; null marks a barrier such as an amount, which
 * no phrase may span). Reads left to right taking the longest phrase at each position, so "cebola roxa"
 * wins over "cebola" and "batata doce" over "batata".
 */
export function matchProducts(words: readonly (string | null)[], catalog: CompiledCatalog): ProductMatch[] {
  const matches: ProductMatch[] = [];
  let start = 0;
  while (start < words.length) {
    if (words[start] === null) {
      start++;
      continue;
    }
    let found: ProductMatch | null = null;
    let phrase = "";
    const limit = Math.min(words.length, start + catalog.longestPhrase);
    // Grow the phrase one word at a time and remember the longest that names something.
    for (let end = start; end < limit; end++) {
      const word = words[end];
      if (word === null || word === undefined) break;
      phrase = end === start ? word : `${phrase} ${word}`;
      const target = catalog.phrases.get(phrase);
      if (target) found = { start, end: end + 1, target };
    }
    if (found) {
      matches.push(found);
      start = found.end;
    } else {
      start++;
    }
  }
  return matches;
}
