import { READER_WORDS } from "./reader-words.ts";

/** Words that open a question in either language ("quando vocês entregam", "where do you deliver"). */
const QUESTION_OPENERS = READER_WORDS.questions.openers;

/**
 * Whether a message that asks for nothing the bot can act on is a question for a person: it has a question mark, or
 * opens with a question word. Two words at least: "?" or "hein?" alone are not worth the entrepreneur's time.
 */
export function looksLikeQuestion(text: string, words: readonly string[]): boolean {
  if (words.length < 2) return false;
  return text.includes("?") || QUESTION_OPENERS.has(words[0] ?? "");
}

/**
 * Words that, in a "tem …?" without a product, ask about something else than the goods: "tem como entregar
 * amanhã?", "tem troco?", "do you have delivery on sundays?".
 */
const BESIDES_GOODS = READER_WORDS.questions.besidesGoods;

export function asksBesidesGoods(words: readonly string[]): boolean {
  return words.some((word) => BESIDES_GOODS.has(word));
}
