import { AppError } from "../../../core/app/errors.ts";
import type { EditableOrder } from "../../../core/app/find-open-order.ts";
import type { OrderView } from "../../../core/app/list-orders.ts";
import { listOpenOrdersOf } from "../../../core/app/list-orders.ts";
import { placeOrder } from "../../../core/app/place-order.ts";
import { removeOrderItems } from "../../../core/app/remove-order-items.ts";
import type { PendingChange, PendingOrder } from "../conversation.ts";
import { draftSummary, orderChange, orderSummary, productNames, readingProblems } from "../order-views.ts";
import { type ChangeItem, type ChangePlan, type OrderLine, planChange } from "../plan-change.ts";
import { type IntentHandler, nowIso, type Turn } from "../turn.ts";

/**
 * "order" and "remove": items for a new draft, or a change to the draft or to the confirmed order (PRODUCT.md,
 * "Changing an order, exactly"). A confirmed order changes only on "sim" (applyPendingChange).
 */
export const changeOrder: IntentHandler = async (turn) => {
  const { understanding, messages, input } = turn;
  const notes = readingProblems(understanding, input.catalog, messages);
  const items: ChangeItem[] = understanding.items.filter((item) => item.amountCents === undefined);
  if (items.length === 0) return notes.length > 0 ? notes : [messages.orderNotUnderstood()];
  return [...notes, ...(await applyItems(turn, items))];
};

/** Applies items to whatever the customer has: a draft, the confirmed order, or nothing yet (a new draft). */
export async function applyItems(
  turn: Turn,
  items: readonly ChangeItem[],
  choice?: "add" | "replace",
): Promise<string[]> {
  const { conversation, editableOrder } = turn.input;
  if (conversation.pending?.kind === "order") return changeDraft(turn, conversation.pending, items, choice);
  if (editableOrder) {
    const order = await currentOrder(turn, editableOrder);
    if (order) return changeConfirmed(turn, order, items, choice);
  }
  return startDraft(turn, items);
}

async function currentOrder(turn: Turn, editable: EditableOrder): Promise<OrderView | undefined> {
  const orders = await listOpenOrdersOf(turn.input.context, turn.input.businessId, turn.input.phone);
  return orders.find((order) => order.id === editable.id);
}

/**
 * No draft and no order open to changes: the items start a draft. After a close, words that change the closed order
 * ("tira a cebola", "troca tomate por 3kg") are told it went to the providers; new items start an order in the new
 * batch, and the reply says so.
 */
async function startDraft(turn: Turn, items: readonly ChangeItem[]): Promise<string[]> {
  const { messages, input } = turn;
  // The customer's latest order the batch's close sent to the providers: what "tira a cebola" refers to.
  const closed = input.closedOrderNumber;
  const takesAway = (item: ChangeItem) => item.change === "remove" || item.change === "take_off";
  const additions = items.filter(
    (item) => item.quantityMilli > 0 && !takesAway(item) && !(closed !== undefined && item.replace),
  );
  if (additions.length === 0)
    return [closed === undefined ? messages.nothingToRemove() : messages.orderNoLongerOpen(closed)];
  const plan = planChange([], additions, "add");
  if (plan.kind === "refused") return [refusal(turn, plan)];
  if (plan.kind !== "planned") return [messages.orderNotUnderstood()];
  input.conversation.pending = { kind: "order", items: plan.lines, at: nowIso(turn) };
  const summary = messages.draftSummary(draftSummary(plan.lines, input.catalog));
  return [closed === undefined ? summary : `${messages.orderAlreadyClosed(closed)}\n\n${summary}`];
}

async function changeDraft(
  turn: Turn,
  draft: PendingOrder,
  items: readonly ChangeItem[],
  choice: "add" | "replace" | undefined,
): Promise<string[]> {
  const { messages, input } = turn;
  const plan = planChange(draft.items, items, choice);
  if (plan.kind === "refused") return [refusal(turn, plan)];
  if (plan.kind === "ask") return [askAddOrReplace(turn, plan, items)];
  const notes = plan.notInOrder.length > 0 ? [messages.notInOrder(productNames(input.catalog, plan.notInOrder))] : [];
  if (plan.lines.length === 0) {
    delete input.conversation.pending;
    return [...notes, messages.draftDiscarded()];
  }
  input.conversation.pending = { kind: "order", items: plan.lines, at: nowIso(turn) };
  return [...notes, messages.draftSummary(draftSummary(plan.lines, input.catalog))];
}

/** A change to the confirmed order: shown before → after with the new total, waiting for "sim". */
async function changeConfirmed(
  turn: Turn,
  order: OrderView,
  items: readonly ChangeItem[],
  choice: "add" | "replace" | undefined,
): Promise<string[]> {
  const { messages, input } = turn;
  const { conversation } = input;
  const stored: OrderLine[] = order.items.map((item) => ({ sku: item.sku, quantityMilli: item.quantityMilli }));
  // Changes asked one after another before the "sim" add up to one.
  const pending =
    conversation.pending?.kind === "change" && conversation.pending.orderId === order.id ? conversation.pending : null;
  const plan = planChange(pending ? pending.lines : stored, items, choice);
  if (plan.kind === "refused") return [refusal(turn, plan)];
  if (plan.kind === "ask") return [askAddOrReplace(turn, plan, items)];
  const notes = plan.notInOrder.length > 0 ? [messages.notInOrder(productNames(input.catalog, plan.notInOrder))] : [];
  if (plan.lines.length === 0) {
    // Removing the last item is a cancellation, asked as "cancelar" asks.
    conversation.pending = { kind: "cancel", orderNumber: order.number, at: nowIso(turn) };
    return [...notes, messages.lastItemCancels(order.number)];
  }
  const { changes, totalCents } = orderChange(order, plan.lines, input.catalog);
  if (changes.length === 0) {
    if (pending) delete conversation.pending;
    return notes.length > 0 ? notes : [messages.nothingChanges()];
  }
  conversation.pending = {
    kind: "change",
    orderId: order.id,
    orderNumber: order.number,
    lines: plan.lines,
    at: nowIso(turn),
  };
  return [...notes, messages.changePreview(order.number, changes, totalCents)];
}

function askAddOrReplace(turn: Turn, plan: Extract<ChangePlan, { kind: "ask" }>, items: readonly ChangeItem[]): string {
  const { input, messages } = turn;
  const pending = input.conversation.pending;
  const resumable = pending?.kind === "order" || pending?.kind === "change" ? pending : undefined;
  input.conversation.pending = {
    kind: "choice",
    items: items.map(({ sku, quantityMilli, replace, change }) => ({
      sku,
      quantityMilli,
      ...(replace ? { replace } : {}),
      ...(change ? { change } : {}),
    })),
    ...(resumable ? { resume: resumable } : {}),
    at: nowIso(turn),
  };
  return messages.askAddOrReplace(
    plan.clashes.flatMap((clash) => {
      const product = input.catalog.bySku.get(clash.sku);
      return product
        ? [{ name: product.name, unit: product.unit, currentMilli: clash.currentMilli, askedMilli: clash.askedMilli }]
        : [];
    }),
  );
}

function refusal(turn: Turn, plan: Extract<ChangePlan, { kind: "refused" }>): string {
  const product = turn.input.catalog.bySku.get(plan.sku);
  const name = product?.name ?? plan.sku;
  if (plan.reason === "too_large") return turn.messages.refusedQuantities([{ text: name, reason: "too_large" }]);
  return turn.messages.takeOffTooMuch(name, product?.unit ?? "un", plan.currentMilli, plan.askedMilli);
}

/** "sim" to a change shown before → after: the order gets exactly the lines shown, if it is still open to changes. */
export async function applyPendingChange(turn: Turn, pending: PendingChange): Promise<string[]> {
  const { input, messages } = turn;
  delete input.conversation.pending;
  const editable = input.editableOrder;
  if (editable?.id !== pending.orderId) return [messages.orderNoLongerOpen(pending.orderNumber)];
  const order = await currentOrder(turn, editable);
  if (!order) return [messages.orderNoLongerOpen(pending.orderNumber)];
  const after = new Map(pending.lines.map((line) => [line.sku, line.quantityMilli]));
  const sets = pending.lines.filter(
    (line) => order.items.find((item) => item.sku === line.sku)?.quantityMilli !== line.quantityMilli,
  );
  const removals = order.items.filter((item) => !after.has(item.sku)).map((item) => item.sku);
  try {
    let changed = order;
    // Set first, remove after: the order is never empty on the way, so it is never cancelled by accident.
    if (sets.length > 0) {
      changed = await placeOrder(input.context, {
        businessId: input.businessId,
        phone: input.phone,
        name: input.name,
        locale: input.conversation.locale,
        items: sets.map((line) => ({ ...line, replace: true })),
        onlyOrderId: editable.id,
      });
    }
    if (removals.length > 0) {
      changed = (
        await removeOrderItems(input.context, {
          businessId: input.businessId,
          phone: input.phone,
          skus: removals,
          onlyOrderId: editable.id,
        })
      ).order;
    }
    return [messages.orderChanged(orderSummary(changed, turn.input.catalog))];
  } catch (error) {
    if (error instanceof AppError && error.reason === "order_closed") return [messages.orderNoLongerOpen(order.number)];
    throw error;
  }
}
