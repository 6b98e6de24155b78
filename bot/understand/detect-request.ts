import type { Command } from "./detect-command.ts";
import type { StatusWord, Understanding } from "./understanding.ts";
import { wordSet } from "./word-lists.ts";

/**
 * Short messages read as a whole, before any item: repeating an order, the entrepreneur's everyday wordings of the
 * batch and order commands ("encerra os pedidos", "mercadoria chegou", "o 17 saiu pra entrega", "cancelar pedido 6",
 * "entreguei o pedido 5") and "perguntas". `canonical` is the message's words and numbers joined by single spaces,
 * folded (no accents, lower case), as detectAdminCommand gets it.
 */
export type Request =
  | Command
  | { intent: "repeat_order" | "list_questions" }
  | { intent: "order_status"; status: StatusWord; order: number };

const REPEAT_ORDER = new RegExp(
  [
    "^(?:(?:quero|queria|pode|por favor|pf) )*(?:repetir|repete|repita|refazer|refaz|mesma coisa|o mesmo|a mesma)",
    "(?: (?:o|a|do|da|meu|minha|ultimo|ultima|pedido|compra|lista|encomenda|de|que|como|igual|anterior|passada|passado|semana|vez|mes|sempre|por favor))*$",
  ].join(""),
);
const REPEAT_ORDER_EN =
  /^(?:(?:please|can you|could you|i want|i'd like) )*(?:repeat|same as|same again|the same|the usual|same order)(?: (?:my|the|last|order|week|time|again|as|previous|one|please|weeks|week's))*$/;
const LIST_QUESTIONS =
  /^(?:(?:ver|mostra|mostrar|lista|listar|quais|as|show|list|the|me manda) )*(?:perguntas|duvidas|questions)(?: (?:abertas|em aberto|pendentes|sem resposta|dos clientes|open|pending|unanswered|from customers))*$/;

const CLOSE_ORDERS =
  /^(?:(?:pode|vamos|quero|please) )?(?:fechar|fecha|feche|encerrar|encerra|encerre|finalizar|finaliza|close|stop|end)(?: (?:os|as|the|de|taking))? (?:pedidos|encomendas|orders|compras)(?: (?:da semana|de hoje|do lote|agora|now|for the week|por favor|please))?$/;

/** Batch news in the words of the trade: the goods, the delivery round. */
const BATCH_PHRASES: [StatusWord, RegExp][] = [
  [
    "arrived",
    /^(?:(?:a|as|o|os|the) )?(?:mercadoria|mercadorias|produtos|compras|encomendas|goods|produce|delivery from the providers) (?:ja )?(?:chegou|chegaram|arrived|have arrived|has arrived|are here|is here)$|^(?:chegou|chegaram) (?:a|as|o|os) (?:mercadoria|mercadorias|produtos|compras|encomendas)$/,
  ],
  [
    "on_the_way",
    /^(?:saimos|estamos saindo) (?:para|pra|pras) (?:as )?entregas?$|^(?:deliveries are on the way|we are out for delivery)$/,
  ],
  [
    "delivered",
    /^(?:entregamos tudo|tudo entregue|todos entregues|todas entregues|entregas feitas|entregas concluidas|all delivered|everything delivered|all orders delivered)$/,
  ],
];

const STATUS_VERBS: [StatusWord, string][] = [
  ["delivered", "entreguei|entregamos|entregar|entrega|entregue|deliver|delivered"],
  ["on_the_way", "enviei|enviamos|enviar|envia|despachei|despachamos|despachar|despacha|ship|shipped|send|sent"],
  ["arrived", "recebi|recebemos"],
  ["cancelled", "cancelar|cancela|cancele|cancelei|cancelamos|cancel|cancelled|canceled"],
];
const STATUS_BY_VERB = new Map<string, StatusWord>();
for (const [status, verbs] of STATUS_VERBS) for (const verb of verbs.split("|")) STATUS_BY_VERB.set(verb, status);
const ANY_VERB = STATUS_VERBS.map(([, verbs]) => verbs).join("|");

/** "entreguei o pedido 5", "cancelar pedido 6", "deliver order 5", "marcar como entregue o pedido 7". */
const VERB_THEN_ORDER = new RegExp(
  `^(?:(?:pode|please|ja|marcar|marca|mark) )*(${ANY_VERB})(?: (?:o|a|the))? (?:pedido|order|encomenda)(?: (?:numero|num|n|no|nr|number))? (\\d{1,9})(?: (?:por favor|please|ja|hoje|agora|now|today))?$`,
);

const ORDER_STATUS_PHRASES: [StatusWord, string][] = [
  [
    "on_the_way",
    "a caminho|em transito|saiu para entrega|saiu pra entrega|saiu|em rota|enviado|despachado|on the way|shipped|out for delivery",
  ],
  ["arrived", "chegou|arrived|pronto para retirada|pronto pra retirada|ready"],
  ["delivered", "entregue|foi entregue|delivered|was delivered"],
  ["cancelled", "cancelado|cancelada|cancelled|canceled"],
];
const STATUS_BY_PHRASE = new Map<string, StatusWord>();
for (const [status, phrases] of ORDER_STATUS_PHRASES)
  for (const phrase of phrases.split("|")) STATUS_BY_PHRASE.set(phrase, status);
const ANY_PHRASE = ORDER_STATUS_PHRASES.map(([, phrases]) => phrases).join("|");
/** "o 17 saiu pra entrega", "#105 a caminho" ("#" is not a word), "17 entregue": an order by its number alone. */
const NUMBER_THEN_STATUS = new RegExp(
  `^(?:o|a|the|no|n)? ?(\\d{1,9})(?: (?:ja|esta|ta|foi|is|was|has))? (${ANY_PHRASE})$`,
);

/** Words that put the English reading first for replies. */
const ENGLISH = wordSet("repeat same usual questions orders close goods arrived deliver delivered cancel order");

/** Reads the whole short message as one of the requests above; null when it is none. */
export function detectRequest(canonical: string): Request | null {
  if (canonical.length > 80) return null;
  if (REPEAT_ORDER.test(canonical) || REPEAT_ORDER_EN.test(canonical)) return { intent: "repeat_order" };
  if (LIST_QUESTIONS.test(canonical)) return { intent: "list_questions" };
  if (CLOSE_ORDERS.test(canonical)) return { intent: "close_batch" };
  for (const [status, pattern] of BATCH_PHRASES) if (pattern.test(canonical)) return { intent: "batch_status", status };
  const verb = VERB_THEN_ORDER.exec(canonical);
  if (verb) {
    const status = STATUS_BY_VERB.get(verb[1] ?? "");
    if (status) return { intent: "order_status", status, order: Number(verb[2]) };
  }
  const numbered = NUMBER_THEN_STATUS.exec(canonical);
  if (numbered) {
    const status = STATUS_BY_PHRASE.get(numbered[2] ?? "");
    if (status) return { intent: "order_status", status, order: Number(numbered[1]) };
  }
  return null;
}

/** Whether a request's words are English ("repeat my last order"), for the reply's language. */
export function requestIsEnglish(canonical: string): boolean {
  return canonical.split(" ").some((word) => ENGLISH.has(word));
}

/** The longest answer the entrepreneur can pass on: one WhatsApp message. */
const MAX_ANSWER_LENGTH = 4000;
const ANSWER =
  /^\s*(?:responder|responda|responde|resposta|reply|answer)\s+(#\s*\d{1,9}|\+?\d[\d\s().-]{8,22}\d)\s*[:,;-]?\s+(\S[\s\S]*)$/i;

/**
 * The entrepreneur's answer to a question passed on: "responder 5584999990001 entregamos sim" or "responder #3
 * entregamos sim". Read on the raw text, since the answer may be long and keeps its own words and accents.
 */
export function detectAnswer(text: string): Understanding["answer"] | null {
  const match = ANSWER.exec(text);
  if (!match) return null;
  const target = (match[1] ?? "").replace(/[\s().-]/g, "");
  const body = (match[2] ?? "").trim();
  if (body.length === 0 || body.length > MAX_ANSWER_LENGTH) return null;
  if (target.startsWith("#")) return { to: { kind: "handoff", number: Number(target.slice(1)) }, text: body };
  return { to: { kind: "phone", phone: target.replace(/^\+/, "") }, text: body };
}
