import { listOrders } from "../../../core/app/list-orders.ts";
import { draftSummary } from "../order-views.ts";
import type { IntentHandler } from "../turn.ts";
import { nowIso } from "../turn.ts";

/**
 * "repetir último pedido", "o mesmo da semana passada": the last order's items (not cancelled, not the one still
 * open to changes) as a new draft at today's prices, waiting for "sim". Products no longer sold are named.
 */
export const repeatOrder: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const orders = await listOrders(input.context, { businessId: input.businessId, phone: input.phone });
  const last = orders.filter((order) => order.status !== "cancelled" && order.id !== input.editableOrder?.id).at(-1);
  if (!last) return [messages.nothingToRepeat()];
  const lines = last.items
    .filter((item) => input.catalog.bySku.has(item.sku))
    .map((item) => ({ sku: item.sku, quantityMilli: item.quantityMilli }));
  const gone = last.items.filter((item) => !input.catalog.bySku.has(item.sku)).map((item) => item.name);
  if (lines.length === 0) return [messages.repeatNothingLeft(last.number, gone)];
  input.conversation.pending = { kind: "order", items: lines, at: nowIso(turn) };
  return [
    messages.repeatSummary(last.number, draftSummary(lines, input.catalog), gone, input.editableOrder?.number ?? null),
  ];
};
