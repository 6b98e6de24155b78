import { milliToNumber } from "../../core/domain/quantity.ts";
import type { Unit } from "../../core/domain/units.ts";
import type { Intent, ParseIntent, StatusWord, Understanding } from "./understanding.ts";

/**
 * The richer readings of the dialogue, on the closed list: repeating an order is an order, a question about a
 * product asks the catalog, and questions for a person and the entrepreneur's answers are none of them.
 */
const PARSE_INTENT: Record<Intent, ParseIntent> = {
  order: "order",
  remove: "remove",
  confirm: "confirm",
  cancel: "cancel",
  status: "status",
  catalog: "catalog",
  help: "help",
  close_batch: "close_batch",
  summary: "summary",
  batch_status: "batch_status",
  order_status: "order_status",
  other: "other",
  repeat_order: "order",
  product_question: "catalog",
  question: "other",
  answer_question: "other",
  list_questions: "other",
};

/** The body of `POST /api/v1/parse` (PRODUCT.md): quantities as JSON numbers; remove items name only the sku. */
export interface ParseResponse {
  intent: ParseIntent;
  items: ({ sku: string; quantity: number; unit: Unit } | { sku: string })[];
  unknown: string[];
  clarify: string[];
  status?: StatusWord;
  order?: number;
}

/**
 * Maps an Understanding to the exact JSON of `POST /api/v1/parse`; status and order only when present. Items taken
 * away (removed or taken off) name only the sku; a question about a product reads as asking the catalog, no items. Amounts of
 * money must have been resolved against prices first (resolveMoneyAmounts): what is left is asked about (`clarify`).
 */
export function toParseResponse(understanding: Understanding): ParseResponse {
  const intent = PARSE_INTENT[understanding.intent];
  const clarify = [...understanding.clarify];
  const items: ParseResponse["items"] = [];
  for (const item of understanding.items) {
    if (item.amountCents !== undefined) {
      if (!clarify.includes(item.sku)) clarify.push(item.sku);
    } else if (intent === "remove" || item.change === "take_off" || item.change === "remove") {
      items.push({ sku: item.sku });
    } else if (understanding.intent !== "product_question")
      items.push({ sku: item.sku, quantity: milliToNumber(item.quantityMilli), unit: item.unit });
  }
  const response: ParseResponse = {
    intent,
    items,
    unknown: [...understanding.unknown],
    clarify,
  };
  if (understanding.status !== undefined) response.status = understanding.status;
  if (understanding.order !== undefined) response.order = understanding.order;
  return response;
}
