import { READER_WORDS } from "./reader-words.ts";
import type { StatusWord } from "./understanding.ts";
import { FILLER_WORDS, phraseTalkCategories, Talk, talkCategories } from "./word-lists.ts";

/** What a short command names, before any item is read. */
export type Command =
  | { intent: "close_batch" | "summary" | "help" | "confirm" | "cancel" | "status" | "catalog" | "other" }
  | { intent: "batch_status"; status: StatusWord }
  | { intent: "order_status"; status: StatusWord; order: number };

const STATUS_PHRASES: [StatusWord, string][] = [
  [
    "on_the_way",
    "a caminho|em transito|saiu para entrega|saiu pra entrega|saiu|em rota|enviado|enviados|despachado|on the way|on its way|shipped|in transit|out for delivery",
  ],
  ["arrived", "chegou|chegaram|arrived|has arrived|here"],
  ["delivered", "entregue|entregues|delivered|finalizado|concluido"],
  ["placed", "feito|realizado|encomendado|comprado|placed|ordered"],
  ["cancelled", "cancelado|cancelados|cancelada|cancelled|canceled"],
];

const STATUS_BY_PHRASE = new Map<string, StatusWord>();
for (const [status, phrases] of STATUS_PHRASES)
  for (const phrase of phrases.split("|")) STATUS_BY_PHRASE.set(phrase, status);
const ANY_STATUS = STATUS_PHRASES.map(([, phrases]) => phrases).join("|");
const LINKING = "(?: (?:ja|esta|ta|foi|is|has|have|was|been|now|agora|are|marcar como|marca como|como|as))*";

// Built once: every message is compared against the same few patterns.
const ORDER_STATUS = new RegExp(
  `^(?:o )?(?:pedido|order|encomenda)(?: (?:numero|num|n|no|nr|number))? (\\d{1,9})${LINKING} (${ANY_STATUS})$`,
);
const BATCH_STATUS = new RegExp(`^(?:o )?(?:lote|batch|the batch)(?: \\d{1,9})?${LINKING} (${ANY_STATUS})$`);
const CLOSE_BATCH =
  /^(?:(?:pode|quero|vamos|please|por favor) )?(?:fechar|fecha|feche|encerrar|encerra|encerre|finalizar|finaliza|finalize|close|end)(?: (?:o|a|the|esse|este|this))? (?:lote|batch)(?: (?:atual|current|agora|now|de hoje|do dia|por favor|please))?$/;
const SUMMARY =
  /^(?:(?:ver|mostra|mostrar|me manda|manda|show|send|show me) )?(?:o |the )?(?:resumo|summary|resume)(?: (?:do|da|of the|of) (?:lote|batch|dia|pedidos|orders))?(?: (?:atual|current|ate agora|so far|por favor|please))?$/;

/** Commands longer than this are not commands; it also keeps hostile input away from the patterns. */
const MAX_COMMAND_LENGTH = 80;

/**
 * The entrepreneur's commands, read from the message's words and numbers joined by single spaces
 * ("pedido 42 entregue", "lote a caminho", "fechar o lote", "resumo"). Null when it is none of them.
 */
export function detectAdminCommand(canonical: string): Command | null {
  if (canonical.length > MAX_COMMAND_LENGTH) return null;
  const order = ORDER_STATUS.exec(canonical);
  if (order) {
    const status = STATUS_BY_PHRASE.get(order[2] ?? "");
    if (status) return { intent: "order_status", status, order: Number(order[1]) };
  }
  const batch = BATCH_STATUS.exec(canonical);
  if (batch) {
    const status = STATUS_BY_PHRASE.get(batch[1] ?? "");
    if (status) return { intent: "batch_status", status };
  }
  if (CLOSE_BATCH.test(canonical)) return { intent: "close_batch" };
  if (SUMMARY.test(canonical)) return { intent: "summary" };
  return null;
}

const phrases = (list: string): string[][] => list.split("|").map((phrase) => phrase.split(" "));

/** Phrases that ask where an order is, though their words alone say little ("is it on the way?"). */
const STATUS_QUESTION_PHRASES = phrases(
  "on the way|on its way|on their way|out for delivery|em rota|quanto tempo|how long",
);
/**
 * "Tudo certo com meu pedido?" asks how the order is going, where "tudo certo" alone agrees: these count only in a
 * message that names the order and does not also confirm it.
 */
const ORDER_CHECK_PHRASES = phrases(
  "tudo certo com|tudo ok com|tudo bem com|tudo em ordem com|everything ok with|everything okay with|everything fine with",
);
/**
 * "entregue" and "delivered" ask about the order after a verb or the order itself ("já foi entregue?", "was my order
 * delivered?"); elsewhere they may say how to deliver ("entregue amanhã").
 */
const DELIVERED_WORDS = READER_WORDS.statusQuestion.delivered;
const LINKING_VERBS = READER_WORDS.statusQuestion.linkingVerbs;
/** Words that ask for news, about the order only when the message names it ("alguma novidade do pedido?"). */
const NEWS_WORDS = READER_WORDS.statusQuestion.news;
const ORDER_NOUNS = READER_WORDS.statusQuestion.orderNouns;
/** Words that answer the bot's "confirma?" outright: "tudo certo com o pedido, pode confirmar" confirms. */
const CONFIRMING_WORDS = READER_WORDS.statusQuestion.confirming;

/** Positions of the words that, read together, ask about the status of an order. */
function statusQuestionWords(words: readonly string[]): Set<number> {
  const found = new Set<number>();
  const mark = (phrase: readonly string[], start: number): void => {
    if (!phrase.every((word, offset) => words[start + offset] === word)) return;
    for (let offset = 0; offset < phrase.length; offset++) found.add(start + offset);
  };
  const checksOrder = words.some((word) => ORDER_NOUNS.has(word)) && !words.some((word) => CONFIRMING_WORDS.has(word));
  words.forEach((word, index) => {
    for (const phrase of STATUS_QUESTION_PHRASES) mark(phrase, index);
    const before = words[index - 1] ?? "";
    if (DELIVERED_WORDS.has(word) && (LINKING_VERBS.has(before) || ORDER_NOUNS.has(before)))
      mark([before, word], index - 1);
    if (!checksOrder) return;
    if (NEWS_WORDS.has(word)) found.add(index);
    for (const phrase of ORDER_CHECK_PHRASES) mark(phrase, index);
  });
  return found;
}

/**
 * A message made only of small talk ("oi", "Sim, pode confirmar", "cadê meu pedido?", "obrigado!"),
 * classified by the strongest category present. Null when some word is not small talk (it may be an item).
 * A question about the order may also hold words that never name goods ("já saiu pra entrega?", "has my order
 * shipped yet?"): a clear status question is read as one before "has …?" could pass for "do you sell …?".
 */
export function classifySmallTalk(words: readonly string[]): Command | null {
  const statusWords = statusQuestionWords(words);
  let categories = phraseTalkCategories(words);
  let filler = false;
  for (const [index, word] of words.entries()) {
    if (statusWords.has(index)) {
      categories |= Talk.StatusStrong;
      continue;
    }
    const found = talkCategories(word);
    if (found === 0) {
      if (!FILLER_WORDS.has(word)) return null;
      filler = true;
    }
    categories |= found;
  }
  if (filler && (categories & Talk.StatusStrong) === 0) return null;
  return smallTalkIntent(categories, true);
}

/** The intent of a set of small-talk categories; `whole` when they are the entire message. */
export function smallTalkIntent(categories: number, whole: boolean): Command | null {
  const has = (category: number): boolean => (categories & category) !== 0;
  if (has(Talk.Cancel)) return { intent: "cancel" };
  if (has(Talk.StatusStrong)) return { intent: "status" };
  if (has(Talk.Catalog)) return { intent: "catalog" };
  // "não" alone answers a question the dialogue asked; the dialogue knows which, the reader does not.
  if (has(Talk.Negation)) return whole ? { intent: "other" } : null;
  if (has(Talk.Confirm)) return { intent: "confirm" };
  if (has(Talk.Help)) return { intent: "help" };
  if (has(Talk.StatusWeak)) return { intent: "status" };
  if (has(Talk.Greeting)) return { intent: "help" };
  return whole ? { intent: "other" } : null;
}
