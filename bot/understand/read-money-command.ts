import { parseMilli } from "../../core/domain/quantity.ts";
import type { Locale } from "../dialogue/locale.ts";

/** A delivered quantity as written: the product's words and the amount in the product's unit (or in grams). */
export interface WrittenDelivered {
  product: string;
  quantityMilli: number;
  /** "g" when the amount was written in grams ("tomate 2150g"); the product's own unit otherwise. */
  grams: boolean;
}

/** The entrepreneur's words about delivery and money, read before the reader's intents. */
export type MoneyCommand =
  | { kind: "paid"; order: number }
  | { kind: "unpaid" }
  | { kind: "show_order"; order: number }
  | { kind: "batch_ready" }
  | { kind: "order_ready"; order: number }
  | { kind: "delivered"; order: number; items: WrittenDelivered[] }
  | { kind: "missing"; order: number; products: string[] };

/** Longer than this is a list or a question, never one of these commands. */
const MAX_LENGTH = 200;
const ORDER =
  "(?:o\\s+|the\\s+)?(?:pedido|order|encomenda)\\s*(?:n[ºo°]?\\.?\\s*|numero\\s+|number\\s+)?#?\\s*(\\d{1,9})";
const LINK = "(?:\\s+(?:ja|esta|ta|foi|is|was|has been|marcado como|como|as))*";

const PAID = [
  new RegExp(`^${ORDER}${LINK}\\s+(?:pago|paga|quitado|paid)$`),
  new RegExp(
    `^(?:pagou|paid|pago|pagamento do|pagamento recebido do|recebi o pagamento do|mark)\\s+${ORDER}(?:\\s+(?:pago|as paid|paid))?$`,
  ),
];
const UNPAID =
  /^(?:quem\s+(?:ainda\s+)?(?:falta\s+pagar|nao\s+pagou|deve|esta\s+devendo|ta\s+devendo)|falta(?:m)?\s+pagar|(?:os\s+)?pagamentos?\s+pendentes?|(?:os\s+)?pedidos\s+(?:nao\s+pagos|em\s+aberto\s+para\s+pagar)|who\s+(?:still\s+)?(?:owes|has\s*n[o']?t\s+paid|hasnt\s+paid|did\s*n[o']?t\s+pay|didnt\s+pay)|unpaid(?:\s+orders)?|(?:outstanding|pending)\s+payments?)$/;
const SHOW = new RegExp(`^(?:(?:ver|mostra|mostrar|me\\s+mostra|show|show\\s+me|see)\\s+)?${ORDER}$`);
const BATCH_READY =
  /^(?:o\s+|the\s+)?(?:lote|batch)(?:\s+\d{1,9})?(?:\s+(?:ja|esta|ta|is))*\s+(?:pronto|ready|fechado e pesado)$/;
const ORDER_READY = new RegExp(`^${ORDER}(?:\\s+(?:ja|esta|ta|is))*\\s+(?:pronto|pronta|ready)$`);
const MISSING_PT = new RegExp(
  `^(?:faltou|faltaram|falta|sem)\\s+(.+?)\\s+(?:no|na|do|da)\\s+${ORDER.replace("(?:o\\s+|the\\s+)?", "")}$`,
);
const MISSING_PT_AFTER = new RegExp(`^${ORDER}[:\\s]+(?:faltou|faltaram|sem)\\s+(.+)$`);
const MISSING_EN = new RegExp(`^(?:no|missing)\\s+(.+?)\\s+(?:in|from|on)\\s+${ORDER}$`);
const MISSING_EN_AFTER = new RegExp(`^${ORDER}[:\\s]+(?:missing|no)\\s+(.+)$`);
const MISSING_EN_POST = new RegExp(`^(.+?)\\s+(?:was\\s+|were\\s+|is\\s+|are\\s+)?missing\\s+(?:in|from)\\s+${ORDER}$`);
const DELIVERED = new RegExp(`^${ORDER}\\s*[:\\-]?\\s+(.+)$`);
/** "tomate 2,150", "alface: 0", "tomate 2150g", "ovos 6 un". */
const DELIVERED_ITEM =
  /^(\p{L}[\p{L}\s'-]*?)\s*:?\s*(\d+(?:[.,]\d{1,3})?)\s*(kg|quilos?|kilos?|g|gramas?|grams?|un|unidades?|units?|dz|duzias?|dozens?|macos?|bunches?|l|litros?|liters?)?$/u;
const LIST_SEPARATOR = /\s*(?:;|,(?!\d)|\s+e\s+|\s+and\s+)\s*/;
const ENGLISH = /\b(?:order|batch|paid|unpaid|who|owes|missing|ready|show|from|in)\b/;

/** Lower case, no accents, no closing punctuation, single spaces: the form the patterns read. */
export function canonicalCommand(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[?!.]+\s*$/u, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The language a command was written in, for its answer. */
export function commandLanguage(text: string): Locale {
  const canonical = canonicalCommand(text);
  return ENGLISH.test(canonical) && !/\b(?:pedido|lote|quem|faltou|pago)\b/.test(canonical) ? "en" : "pt-BR";
}

/**
 * Reads "pedido 42 pago", "quem falta pagar", "pedido 42", "lote pronto", "pedido 42 pronto",
 * "pedido 42 tomate 2,150 e alface 0" and "faltou alface no pedido 42" (and their English). Null when the message
 * is none of them, so the reader's intents take it ("pedido 42 entregue" is a status, not a delivered quantity).
 */
export function readMoneyCommand(text: string): MoneyCommand | null {
  const canonical = canonicalCommand(text);
  if (canonical.length > MAX_LENGTH) return null;
  for (const pattern of PAID) {
    const match = pattern.exec(canonical);
    if (match) return { kind: "paid", order: Number(match[1]) };
  }
  if (UNPAID.test(canonical)) return { kind: "unpaid" };
  const show = SHOW.exec(canonical);
  if (show) return { kind: "show_order", order: Number(show[1]) };
  if (BATCH_READY.test(canonical)) return { kind: "batch_ready" };
  const ready = ORDER_READY.exec(canonical);
  if (ready) return { kind: "order_ready", order: Number(ready[1]) };
  const missing = readMissing(canonical);
  if (missing) return missing;
  const delivered = DELIVERED.exec(canonical);
  if (delivered) {
    const items = readDeliveredItems(delivered[2] ?? "");
    if (items) return { kind: "delivered", order: Number(delivered[1]), items };
  }
  return null;
}

function readMissing(canonical: string): MoneyCommand | null {
  for (const [pattern, orderGroup, productsGroup] of [
    [MISSING_PT, 2, 1],
    [MISSING_PT_AFTER, 1, 2],
    [MISSING_EN, 2, 1],
    [MISSING_EN_AFTER, 1, 2],
    [MISSING_EN_POST, 2, 1],
  ] as const) {
    const match = pattern.exec(canonical);
    if (!match) continue;
    const products = (match[productsGroup] ?? "")
      .split(LIST_SEPARATOR)
      .map((product) => product.replace(/^(?:o|a|os|as|the)\s+/, "").trim())
      .filter(Boolean);
    if (products.length > 0 && products.every((product) => /^\p{L}[\p{L}\s'-]*$/u.test(product))) {
      return { kind: "missing", order: Number(match[orderGroup]), products };
    }
  }
  return null;
}

/** "tomate 2,150 e alface 0": every part a product and an amount, or null (then it is no delivered quantity). */
function readDeliveredItems(body: string): WrittenDelivered[] | null {
  const parts = body
    .split(LIST_SEPARATOR)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const items: WrittenDelivered[] = [];
  for (const part of parts) {
    const match = DELIVERED_ITEM.exec(part);
    const quantityMilli = parseMilli(match?.[2] ?? "");
    if (!match || quantityMilli === null) return null;
    const unit = match[3] ?? "";
    items.push({ product: (match[1] ?? "").trim(), quantityMilli, grams: /^(?:g|gramas?|grams?)$/.test(unit) });
  }
  return items;
}
