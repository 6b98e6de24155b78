import { ENGLISH_WORDS, PORTUGUESE_WORDS } from "./word-lists.ts";

/**
 * English when more of the words are typically English than typically Portuguese; Portuguese otherwise.
 * `evident` is false when no word spoke for either language ("ok", "menu", "status"): the caller keeps the
 * language it had.
 */
export function detectLanguage(words: readonly string[]): { language: "pt-BR" | "en"; evident: boolean } {
  let english = 0;
  let portuguese = 0;
  for (const word of words) {
    if (ENGLISH_WORDS.has(word)) english++;
    if (PORTUGUESE_WORDS.has(word)) portuguese++;
  }
  return { language: english > portuguese ? "en" : "pt-BR", evident: english !== portuguese };
}
