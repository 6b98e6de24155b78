import { listHandoffs } from "../../../core/app/list-handoffs.ts";
import type { IntentHandler } from "../turn.ts";

/** Open questions listed per answer: a long backlog is cut, the rest is over the API. */
const LISTED = 20;

/** The entrepreneur's "perguntas": the questions still waiting for an answer. */
export const listQuestions: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const open = await listHandoffs(input.context, { businessId: input.businessId, status: "open" });
  if (open.length === 0) return [messages.questionsNone()];
  return [
    messages.questionsList(
      open.slice(0, LISTED).map((handoff) => ({
        number: handoff.number,
        name: handoff.customerName,
        phone: handoff.phone,
        text: handoff.text,
      })),
      open.length,
    ),
  ];
};
