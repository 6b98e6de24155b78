import { milliToNumber } from "../../core/domain/quantity.ts";
import type { Unit } from "../../core/domain/units.ts";
import type { Intent, StatusWord, Understanding } from "./understanding.ts";

/** The body of `POST /api/v1/parse` (PRODUCT.md): quantities as JSON numbers; remove items name only the sku. */
export interface ParseResponse {
  intent: Intent;
  items: ({ sku: string; quantity: number; unit: Unit } | { sku: string })[];
  unknown: string[];
  clarify: string[];
  status?: StatusWord;
  order?: number;
}

/** Maps an Understanding to the exact JSON of `POST /api/v1/parse`; status and order only when present. */
export function toParseResponse(understanding: Understanding): ParseResponse {
  const response: ParseResponse = {
    intent: understanding.intent,
    items: understanding.items.map((item) =>
      understanding.intent === "remove"
        ? { sku: item.sku }
        : { sku: item.sku, quantity: milliToNumber(item.quantityMilli), unit: item.unit },
    ),
    unknown: [...understanding.unknown],
    clarify: [...understanding.clarify],
  };
  if (understanding.status !== undefined) response.status = understanding.status;
  if (understanding.order !== undefined) response.order = understanding.order;
  return response;
}
