import type { Unit } from "../../core/domain/units.ts";

export type Intent =
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

/** Statuses the entrepreneur can name for a batch or an order. */
export type StatusWord = "on_the_way" | "arrived" | "delivered" | "placed" | "cancelled";

/** One product of the message, its quantity already in the product's unit, in thousandths. */
export interface UnderstoodItem {
  sku: string;
  quantityMilli: number;
  unit: Unit;
  /** "troca tomate por 3kg": set the quantity instead of adding to it. */
  replace?: boolean;
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
  /** The language the message was written in, for replying. */
  language: "pt-BR" | "en";
  /** Whether any word showed the language; when not ("ok", "menu"), `language` is only the default. */
  languageEvident: boolean;
}
