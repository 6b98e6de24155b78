import { AppError } from "../../../core/app/errors.ts";
import { sendFinalTotals } from "../../../core/app/send-final-totals.ts";
import type { Turn } from "../turn.ts";

/**
 * "lote pronto", "pedido 42 pronto" (and the batch arriving): each customer concerned gets its final total, and
 * the Pix code in a message of its own; told once per change.
 */
export async function finalTotals(
  turn: Turn,
  target: "last_closed_batch" | { orderNumber: number },
): Promise<string[]> {
  const { input, messages } = turn;
  try {
    const { told } = await sendFinalTotals(input.context, { businessId: input.businessId, target, pix: input.pix });
    return [messages.finalTotalsSent(told)];
  } catch (error) {
    if (error instanceof AppError && typeof target === "object") {
      if (error.reason === "order_not_found") return [messages.orderNotFound(target.orderNumber)];
      if (error.reason === "order_not_closed" || error.reason === "order_cancelled")
        return [messages.deliveredRefused(target.orderNumber, error.reason)];
    }
    throw error;
  }
}
