import type { Unit } from "../../core/domain/units.ts";

/** PRODUCT.md's closed list of intents for `POST /api/v1/parse`; the reader's own are these and a few more. */
export type ParseIntent =
  | "order"
  | "remove"
  | "confirm"
  | "cancel"
  | "status"
  | "catalog"
  | "help"
  | "close_batch"
  | "summary"
  | "batch_status"
  | "order_status"
  | "other";

export type Intent =
  | ParseIntent
  /** "repetir último pedido", "o mesmo da semana passada". */
  | "repeat_order"
  /** "quanto tá o tomate?", "tem abacate?": the price and availability of the products named. */
  | "product_question"
  /** A question the bot cannot answer ("vocês entregam no sábado?"): passed on to the entrepreneur. */
  | "question"
  /** The entrepreneur's "responder 5584… <texto>" or "responder #3 <texto>". */
  | "answer_question"
  /** The entrepreneur's "perguntas": the questions waiting for an answer. */
  | "list_questions";

/** Statuses the entrepreneur can name for a batch or an order. */
export type StatusWord = "on_the_way" | "arrived" | "delivered" | "placed" | "cancelled";

/** One product of the message, its quantity already in the product's unit, in thousandths. */
export interface UnderstoodItem {
  sku: string;
  quantityMilli: number;
  unit: Unit;
  /** "troca tomate por 3kg", "só 1kg de cebola": set the quantity instead of adding to it. */
  replace?: boolean;
  /**
   * What the words said besides setting: "mais 1kg" adds, "menos 1kg" / "tira 1kg de" takes that much off, "tira a
   * cebola" removes the line (quantityMilli 0). Absent
   * for a plain item ("1kg de cebola"), which the dialogue asks about when the product is already in the order.
   */
  change?: "add" | "take_off" | "remove";
  /**
   * "5 reais de cebolinha": the money to spend, in cents; `quantityMilli` is 0 until the dialogue, which knows the
   * price, turns it into a quantity (resolveMoneyAmounts).
   */
  amountCents?: number;
}

export type QuantityRefusal = "not_positive" | "too_large" | "too_precise";

/** How the bot reads one message against the catalog. Pure data: the dialogue decides what to do with it. */
export interface Understanding {
  intent: Intent;
  /** For "remove": quantityMilli 0 and the product's unit. */
  items: UnderstoodItem[];
  /** Fragments, as the customer wrote them, that named no product ("picanha"). */
  unknown: string[];
  /** Skus whose quantity could not be converted exactly: the bot asks. */
  clarify: string[];
  /** Quantities refused, with the item's text and why. */
  problems: { text: string; sku?: string; reason: QuantityRefusal }[];
  /** Unknown fragment → up to 3 skus the customer may have meant ("você quis dizer …?"). */
  suggestions: Record<string, string[]>;
  /** For batch_status and order_status. */
  status?: StatusWord;
  /** For order_status: the order number. */
  order?: number;
  /** For answer_question: to whom ("5584…" or "#3") and the answer's text, as written. */
  answer?: { to: { kind: "phone"; phone: string } | { kind: "handoff"; number: number }; text: string };
  /** The language the message was written in, for replying. */
  language: "pt-BR" | "en";
  /** Whether any word showed the language; when not ("ok", "menu"), `language` is only the default. */
  languageEvident: boolean;
}
