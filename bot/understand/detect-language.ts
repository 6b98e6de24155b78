import { ENGLISH_WORDS, PORTUGUESE_WORDS } from "./word-lists.ts";

/** English when more of the words are typically English than typically Portuguese; Portuguese otherwise. */
export function detectLanguage(words: readonly string[]): "pt-BR" | "en" {
  let english = 0;
  let portuguese = 0;
  for (const word of words) {
    if (ENGLISH_WORDS.has(word)) english++;
    if (PORTUGUESE_WORDS.has(word)) portuguese++;
  }
  return english > portuguese ? "en" : "pt-BR";
}
