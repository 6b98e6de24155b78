import { changeOrderStatus } from "../../../core/app/change-order-status.ts";
import { AppError } from "../../../core/app/errors.ts";
import type { IntentHandler } from "../turn.ts";

/** "pedido 42 a caminho", "entreguei o pedido 5", "cancelar pedido 6": one order moves on, its customer is told. */
export const orderStatus: IntentHandler = async (turn) => {
  const { input, messages, understanding } = turn;
  const target = understanding.status;
  const number = understanding.order;
  if (number === undefined || !target || target === "placed") return [messages.help({ entrepreneur: true })];
  try {
    const order = await changeOrderStatus(input.context, {
      businessId: input.businessId,
      order: { number },
      status: target,
    });
    return [messages.orderStatusChanged(order.number, order.status)];
  } catch (error) {
    if (error instanceof AppError && error.reason === "order_not_found") return [messages.orderNotFound(number)];
    throw error;
  }
};
