import { normalizeText } from "./normalize-text.ts";
import { singularize } from "./singularize.ts";
import { tokenize } from "./tokenize.ts";
import { unitWord } from "./unit-words.ts";
import { CONNECTING_WORDS } from "./word-lists.ts";

/**
 * The words of a catalog name, alias or sku as the matcher compares them: folded, singular, without
 * articles and prepositions, and without package sizes ("Arroz Branco 1kg" → ["arroz", "branco"],
 * "Queijo de Manteiga" → ["queijo", "manteiga"], "banana-prata" → ["banana", "prata"]).
 */
export function productWords(text: string): string[] {
  const tokens = tokenize(normalizeText(text).text);
  const words: string[] = [];
  let afterNumber = false;
  for (const token of tokens) {
    if (token.kind === "number") {
      afterNumber = true;
      continue;
    }
    if (token.kind === "word") {
      // "1 kg" in a name is a package size, not part of what the customer calls the product.
      if (afterNumber && unitWord(token.text)) {
        afterNumber = false;
        continue;
      }
      if (!CONNECTING_WORDS.has(token.text)) words.push(singularize(token.text));
    }
    afterNumber = false;
  }
  return words;
}
