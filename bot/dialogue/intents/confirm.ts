import { cancelOrder } from "../../../core/app/cancel-order.ts";
import { AppError } from "../../../core/app/errors.ts";
import { placeOrder } from "../../../core/app/place-order.ts";
import { orderSummary } from "../order-views.ts";
import type { IntentHandler } from "../turn.ts";
import { applyPendingChange } from "./change-order.ts";
import { deliveryAfterConfirm, keptChoiceToAsk } from "./delivery-choice.ts";

/** "sim": confirms whatever waits for it (a draft, a change, a cancellation), or says nothing does. */
export const confirm: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const { conversation } = input;
  const expired = turn.expired ? [messages.pendingExpired()] : [];
  const pending = conversation.pending;
  if (pending?.kind === "order") {
    // Sent with the order's statement, the delivery choice the reply may ask about costs no round trip of its own.
    const keptChoice = keptChoiceToAsk(turn);
    // The draft is dropped only once the order exists: a refusal (a product gone from the catalog) keeps it.
    const placed = await placeOrder(input.context, {
      businessId: input.businessId,
      phone: input.phone,
      name: input.name,
      locale: conversation.locale,
      items: pending.items,
    }).catch(async (error: unknown) => {
      await keptChoice?.catch(() => null);
      throw error;
    });
    delete conversation.pending;
    return [
      messages.orderConfirmed(orderSummary(placed, turn.input.catalog)),
      ...(await deliveryAfterConfirm(turn, placed, keptChoice)),
    ];
  }
  if (pending?.kind === "change") return applyPendingChange(turn, pending);
  if (pending?.kind === "choice") return [messages.chooseAddOrReplace()];
  if (pending?.kind === "cancel") {
    delete conversation.pending;
    const editable = input.editableOrder;
    // The order asked about may have been closed since: never cancel another one.
    if (editable?.number !== pending.orderNumber) return [messages.orderNoLongerOpen(pending.orderNumber)];
    try {
      await cancelOrder(input.context, { businessId: input.businessId, phone: input.phone, onlyOrderId: editable.id });
    } catch (error) {
      if (error instanceof AppError && error.reason === "order_closed")
        return [messages.orderNoLongerOpen(editable.number)];
      throw error;
    }
    // The cancellation's own notification tells the customer; a reply here would say it twice.
    return [];
  }
  return [...expired, messages.nothingToConfirm()];
};
