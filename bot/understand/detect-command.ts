import type { StatusWord } from "./understanding.ts";
import { Talk, talkCategories } from "./word-lists.ts";

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

/**
 * A message made only of small talk ("oi", "Sim, pode confirmar", "cadê meu pedido?", "obrigado!"),
 * classified by the strongest category present. Null when some word is not small talk (it may be an item).
 */
export function classifySmallTalk(words: readonly string[]): Command | null {
  let categories = 0;
  for (const word of words) {
    const found = talkCategories(word);
    if (found === 0) return null;
    categories |= found;
  }
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
