import { commandLanguage, type MoneyCommand, readMoneyCommand } from "../understand/read-money-command.ts";
import { MONEY_HANDLERS } from "./intent-handlers.ts";
import { answerDelivery } from "./intents/delivery-choice.ts";
import { applyDeliveredPending } from "./intents/record-delivered.ts";
import { messagesFor } from "./locale.ts";
import type { Turn } from "./turn.ts";

const NO = /^\s*(n[aã]o|no|nope|cancela|cancelar|cancel|deixa|esquece)\s*[.!]*\s*$/i;

/**
 * Delivery and money, read before the intents: the entrepreneur's "sim" / "não" to delivered quantities waiting,
 * and its commands ("pedido 42 pago", "quem falta pagar", "pedido 42", "lote pronto", "pedido 42 tomate 2,150");
 * a customer's delivery answers ("entrega", the address, "vou retirar", "mudar endereço"). Null when the message
 * is none of these.
 */
export async function answerDeliveryAndMoney(turn: Turn): Promise<string[] | null> {
  const { input, understanding, text } = turn;
  if (input.entrepreneur) {
    const pending = input.conversation.deliveredPending;
    if (pending) {
      const expired = input.context.now().getTime() - Date.parse(pending.at) > input.pendingTtlMs;
      if (!expired && understanding.intent === "confirm") return applyDeliveredPending(turn, pending);
      delete input.conversation.deliveredPending;
      if (!expired && NO.test(text)) return [turn.messages.deliveredDropped()];
    }
    const command = readMoneyCommand(text);
    if (command) {
      input.conversation.locale = commandLanguage(text);
      turn.messages = messagesFor(input.conversation.locale);
      return runMoneyCommand(turn, command);
    }
  }
  return answerDelivery(turn);
}

function runMoneyCommand(turn: Turn, command: MoneyCommand): Promise<string[]> {
  switch (command.kind) {
    case "paid":
      return MONEY_HANDLERS.paid(turn, command.order);
    case "unpaid":
      return MONEY_HANDLERS.unpaid(turn);
    case "show_order":
      return MONEY_HANDLERS.show_order(turn, command.order);
    case "batch_ready":
      return MONEY_HANDLERS.ready(turn, "last_closed_batch");
    case "order_ready":
      return MONEY_HANDLERS.ready(turn, { orderNumber: command.order });
    case "delivered":
    case "missing":
      return MONEY_HANDLERS.delivered(turn, command);
  }
}
