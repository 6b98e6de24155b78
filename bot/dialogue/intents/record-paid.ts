import { AppError } from "../../../core/app/errors.ts";
import { recordPayment } from "../../../core/app/record-payment.ts";
import { amountDue } from "../../../core/domain/payment.ts";
import type { Turn } from "../turn.ts";

/** "pedido 42 pago": records the payment once; said again, it answers when it was recorded and records nothing. */
export async function recordPaid(turn: Turn, orderNumber: number): Promise<string[]> {
  const { input, messages } = turn;
  try {
    const outcome = await recordPayment(input.context, {
      businessId: input.businessId,
      order: { number: orderNumber },
    });
    const order = outcome.order;
    if (outcome.kind === "already_paid")
      return [messages.paymentAlready(order.number, order.payment.paidAt ?? input.context.now())];
    const due = amountDue({
      totalCents: order.totalCents,
      finalTotalCents: order.finalTotalCents,
      deliveryFeeCents: order.delivery.feeCents,
    });
    return [messages.paymentRecorded(order.number, due)];
  } catch (error) {
    if (error instanceof AppError) {
      if (error.reason === "order_not_found") return [messages.orderNotFound(orderNumber)];
      if (error.reason === "order_not_closed" || error.reason === "order_cancelled")
        return [messages.paymentRefused(orderNumber, error.reason)];
    }
    throw error;
  }
}
