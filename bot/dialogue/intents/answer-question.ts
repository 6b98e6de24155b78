import { answerQuestion as answerHandoff } from "../../../core/app/answer-question.ts";
import { AppError } from "../../../core/app/errors.ts";
import type { IntentHandler } from "../turn.ts";

/** The entrepreneur's "responder 5584… <texto>" or "responder #3 <texto>": the text goes to the customer's chat. */
export const answerQuestion: IntentHandler = async (turn) => {
  const { input, messages, understanding } = turn;
  const answer = understanding.answer;
  if (!answer) return [messages.help({ entrepreneur: true })];
  try {
    const handoff = await answerHandoff(input.context, {
      businessId: input.businessId,
      to: answer.to,
      text: answer.text,
      answeredBy: input.phone,
    });
    return [messages.answerSent(handoff.number, handoff.customerName, handoff.phone)];
  } catch (error) {
    if (error instanceof AppError && (error.reason === "handoff_not_found" || error.reason === "invalid_phone")) {
      return [messages.handoffNotFound(answer.to.kind === "handoff" ? `#${answer.to.number}` : answer.to.phone)];
    }
    throw error;
  }
};
