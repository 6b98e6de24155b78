import { getDeliveryChoice } from "../../../core/app/get-delivery-choice.ts";
import type { OrderView } from "../../../core/app/list-orders.ts";
import { setDeliveryChoice } from "../../../core/app/set-delivery-choice.ts";
import { type DeliveryChoice, formatAddress } from "../../../core/domain/delivery.ts";
import { deliveryWordsLanguage, readAddress, readDeliveryWords } from "../../understand/read-delivery-answer.ts";
import { messagesFor } from "../locale.ts";
import type { DeliveryView } from "../messages/money-views.ts";
import { nowIso, type Turn } from "../turn.ts";

/**
 * Said after a confirmation: the first time, "entrega ou retirada?" when the customer never chose (asked once, so
 * customers from before deliveries are asked too; until answered the order is pickup); for an order going to an
 * address, the address and its fee under the summary.
 */
export async function deliveryAfterConfirm(
  turn: Turn,
  placed: OrderView,
  keptChoice: Promise<DeliveryChoice | null> | null,
): Promise<string[]> {
  const { input, messages } = turn;
  const choice = await keptChoice;
  if (placed.delivery.kind === "delivery") return [messages.deliveryLine(deliveryView(placed.delivery))];
  if (input.conversation.deliveryAsked) return [];
  input.conversation.deliveryAsked = true;
  if (choice) return [];
  input.conversation.deliveryQuestion = { asked: "choice", at: nowIso(turn) };
  return [messages.askDeliveryChoice()];
}

/**
 * The customer's kept delivery choice, read when the confirmation about to be placed may ask for it (never asked in
 * this conversation), else null. Started before the order's statement, it travels to the database with it.
 */
export function keptChoiceToAsk(turn: Turn): Promise<DeliveryChoice | null> | null {
  const { input } = turn;
  if (input.conversation.deliveryAsked) return null;
  return getDeliveryChoice(input.context, input.businessId, input.phone).then(({ choice }) => choice);
}

/**
 * The customer's answers about delivery, read before the intents: "entrega" / "retirada" to the question, the
 * address when asked (an address that is only "aqui" is asked once more), and "mudar endereço" / "vou retirar" at
 * any time. Null when the message is about something else; an unanswered question is then dropped.
 */
export async function answerDelivery(turn: Turn): Promise<string[] | null> {
  const { input, text } = turn;
  const { conversation } = input;
  const words = readDeliveryWords(text);
  if (words) {
    conversation.locale = deliveryWordsLanguage(text);
    turn.messages = messagesFor(conversation.locale);
  }
  const { messages } = turn;
  const question = conversation.deliveryQuestion;
  if (words?.kind === "pickup") return choose(turn, { kind: "pickup" });
  if (words?.kind === "change_address") return askAddress(turn);
  if (words?.kind === "delivery") {
    const { choice } = await getDeliveryChoice(input.context, input.businessId, input.phone);
    return choice?.kind === "delivery" ? choose(turn, choice) : askAddress(turn);
  }
  if (!question) return null;
  const reading = readAddress(text);
  if (question.asked === "choice") {
    // The address straight away answers "entrega ou retirada?" too.
    if (reading.kind === "address") return choose(turn, { kind: "delivery", address: reading.address });
    delete conversation.deliveryQuestion;
    return null;
  }
  if (reading.kind === "address") return choose(turn, { kind: "delivery", address: reading.address });
  // A list or a question instead of the address: the question is dropped and the message read as usual.
  if (reading.kind === "incomplete" && turn.understanding.intent !== "other") {
    delete conversation.deliveryQuestion;
    return null;
  }
  if (question.askedAgain) {
    delete conversation.deliveryQuestion;
    return [messages.addressGivenUp()];
  }
  conversation.deliveryQuestion = { ...question, askedAgain: true };
  return [messages.addressVague()];
}

function askAddress(turn: Turn): string[] {
  turn.input.conversation.deliveryQuestion = { asked: "address", at: nowIso(turn) };
  return [turn.messages.askAddress()];
}

async function choose(turn: Turn, choice: DeliveryChoice): Promise<string[]> {
  const { input, messages } = turn;
  const outcome = await setDeliveryChoice(input.context, {
    businessId: input.businessId,
    phone: input.phone,
    choice,
    fees: input.deliveryFees,
  });
  if (outcome.kind === "invalid_address") {
    const question = input.conversation.deliveryQuestion;
    if (question?.askedAgain) {
      delete input.conversation.deliveryQuestion;
      return [messages.addressGivenUp()];
    }
    input.conversation.deliveryQuestion = { asked: "address", askedAgain: true, at: nowIso(turn) };
    return [messages.addressVague()];
  }
  delete input.conversation.deliveryQuestion;
  const address = outcome.choice.kind === "delivery" ? outcome.choice.address : null;
  return [
    messages.deliverySet(
      deliveryView({ kind: outcome.choice.kind, address, feeCents: outcome.feeCents }),
      outcome.orderNumbers,
    ),
  ];
}

function deliveryView(delivery: OrderView["delivery"]): DeliveryView {
  return {
    kind: delivery.kind,
    address: delivery.address ? formatAddress(delivery.address) : null,
    feeCents: delivery.feeCents,
  };
}
