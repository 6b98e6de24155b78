import type { IntentHandler } from "../turn.ts";
import { nowIso } from "../turn.ts";

/** "cancelar": drops a draft or a change waiting for "sim" at once; an order asks first. */
export const cancel: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const { conversation } = input;
  const pending = conversation.pending;
  if (pending?.kind === "order") {
    delete conversation.pending;
    return [messages.draftDiscarded()];
  }
  if (pending?.kind === "change" || pending?.kind === "choice") {
    delete conversation.pending;
    return [messages.changeDropped()];
  }
  const editable = input.editableOrder;
  if (!editable) {
    const closed = input.closedOrderNumber;
    return [closed === undefined ? messages.nothingToCancel() : messages.orderNoLongerOpen(closed)];
  }
  conversation.pending = { kind: "cancel", orderNumber: editable.number, at: nowIso(turn) };
  return [messages.confirmCancel(editable.number)];
};
