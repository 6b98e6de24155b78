import { passOnQuestion } from "../../../core/app/pass-on-question.ts";
import type { IntentHandler } from "../turn.ts";

/**
 * A question the bot cannot answer ("vocês entregam no sábado?"): passed on to the entrepreneurs with the customer's
 * name and phone and a handoff number; the customer is told. An entrepreneur asking gets the ordinary hint instead.
 */
export const question: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  if (input.entrepreneur) return [messages.fallback()];
  const handoff = await passOnQuestion(input.context, {
    businessId: input.businessId,
    phone: input.phone,
    name: input.name,
    text: turn.text,
    recipients: input.entrepreneurPhones,
  });
  return [messages.questionPassedOn(handoff.number)];
};
