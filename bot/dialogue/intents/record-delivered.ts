import {
  type DeliveryLine,
  type DeliveryOrder,
  loadDeliveryOrders,
  orderDeliveryRefusal,
  planDeliveredLines,
} from "../../../core/app/delivery-lines.ts";
import { AppError } from "../../../core/app/errors.ts";
import { recordDeliveredQuantities } from "../../../core/app/record-delivered-quantities.ts";
import { comparableText } from "../../../core/domain/comparable-text.ts";
import { finalTotal } from "../../../core/domain/final-total.ts";
import { convertMilli } from "../../../core/domain/quantity.ts";
import type { MoneyCommand, WrittenDelivered } from "../../understand/read-money-command.ts";
import { singularize } from "../../understand/singularize.ts";
import type { DeliveredPending } from "../conversation.ts";
import type { DeliveredProblemView } from "../messages/money-views.ts";
import { nowIso, type Turn } from "../turn.ts";

type DeliveredCommand = Extract<MoneyCommand, { kind: "delivered" | "missing" }>;

/**
 * "pedido 42 tomate 2,150", "faltou alface no pedido 42": shows what would change in the order (each line before →
 * after, and the final total) and waits for "sim". A product the order does not have is refused, named; nothing is
 * recorded until "sim".
 */
export async function recordDelivered(turn: Turn, command: DeliveredCommand): Promise<string[]> {
  const { input, messages } = turn;
  const [order] = await loadDeliveryOrders(
    input.context.db,
    input.businessId,
    { orderNumbers: [command.order] },
    false,
  );
  if (!order) return [messages.orderNotFound(command.order)];
  const refusal = orderDeliveryRefusal(order);
  if (refusal) return [messages.deliveredRefused(order.number, refusal)];

  const written: WrittenDelivered[] =
    command.kind === "missing"
      ? command.products.map((product) => ({ product, quantityMilli: 0, grams: false }))
      : command.items;
  const notInOrder: string[] = [];
  const notWhole: DeliveredProblemView[] = [];
  const items: DeliveredPending["items"] = [];
  for (const item of written) {
    const line = lineNamed(order, item.product);
    if (!line) {
      notInOrder.push(item.product);
      continue;
    }
    const quantityMilli = item.grams ? convertMilli(item.quantityMilli, "g", line.unit) : item.quantityMilli;
    if (quantityMilli === null || !Number.isInteger(quantityMilli)) {
      notWhole.push({ kind: "not_whole", name: line.name, unit: line.unit });
      continue;
    }
    items.push({ product: line.sku, quantityMilli });
  }
  if (notInOrder.length > 0) return [messages.deliveredNotInOrder(order.number, notInOrder)];
  const planned = planDeliveredLines(order, items);
  const problems = [...notWhole, ...planned.problems.map((problem) => problemView(order, problem))];
  if (problems.length > 0) return [messages.deliveredInvalid(order.number, problems)];

  const changes = planned.lines
    .filter((line) => line.deliveredMilli !== (line.previousMilli ?? line.orderedMilli))
    .map((line) => ({
      name: line.name,
      unit: line.unit,
      beforeMilli: line.previousMilli ?? line.orderedMilli,
      afterMilli: line.deliveredMilli,
    }));
  if (changes.length === 0) return [messages.deliveredUnchanged(order.number)];
  const delivered = new Map(planned.lines.map((line) => [line.itemId, line.deliveredMilli]));
  const before = order.finalTotalCents ?? finalTotal(order.lines, order.deliveryFeeCents);
  const after = finalTotal(
    order.lines.map((line) => ({
      ...line,
      deliveredQuantityMilli: delivered.get(line.itemId) ?? line.deliveredQuantityMilli,
    })),
    order.deliveryFeeCents,
  );
  input.conversation.deliveredPending = { orderNumber: order.number, items, at: nowIso(turn) };
  return [messages.deliveredSummary(order.number, changes, before, after)];
}

/** "sim" to the summary: records the quantities shown, in one transaction, or says why not. */
export async function applyDeliveredPending(turn: Turn, pending: DeliveredPending): Promise<string[]> {
  const { input, messages } = turn;
  delete input.conversation.deliveredPending;
  try {
    const [recorded] = await recordDeliveredQuantities(input.context, {
      businessId: input.businessId,
      orders: [{ order: { number: pending.orderNumber }, items: pending.items }],
    });
    return [messages.deliveredRecorded(pending.orderNumber, recorded?.order.finalTotalCents ?? 0)];
  } catch (error) {
    // The order moved on since the summary (paid, cancelled): said, nothing recorded.
    if (error instanceof AppError) {
      const reason = error.reason;
      if (reason === "order_not_closed" || reason === "order_cancelled" || reason === "order_paid")
        return [messages.deliveredRefused(pending.orderNumber, reason)];
      if (reason === "order_not_found") return [messages.orderNotFound(pending.orderNumber)];
    }
    throw error;
  }
}

/**
 * The order's line for a product as the entrepreneur wrote it: its name or sku in any accents and case, a plural
 * ("tomates"), or the words of a longer name ("alface" for "Alface Crespa") when only one line has them.
 */
function lineNamed(order: DeliveryOrder, written: string): DeliveryLine | undefined {
  const wanted = comparableText(written);
  const exact = order.lines.find((line) => comparableText(line.name) === wanted || comparableText(line.sku) === wanted);
  if (exact) return exact;
  const words = wanted.split(" ").map(singularize);
  const partial = order.lines.filter((line) => {
    const name = comparableText(line.name).split(" ").map(singularize);
    return words.every((word) => name.includes(word));
  });
  return partial.length === 1 ? partial[0] : undefined;
}

function problemView(
  order: DeliveryOrder,
  problem: ReturnType<typeof planDeliveredLines>["problems"][number],
): DeliveredProblemView {
  const line = order.lines.find((candidate) => "sku" in problem && candidate.sku === problem.sku);
  const name = line?.name ?? ("product" in problem ? problem.product : "");
  if (problem.kind === "invalid_quantity" && line) {
    if (problem.problem.kind === "too_large")
      return { kind: "too_large", name, unit: line.unit, maxMilli: problem.problem.maxMilli };
    return { kind: "not_whole", name, unit: line.unit };
  }
  return { kind: "given_twice", name };
}
