import { answerPendingDocument } from "./answer-pending-document.ts";
import type { PendingChoice } from "./conversation.ts";
import { applyItems } from "./intents/change-order.ts";
import { catalogPage } from "./intents/show-catalog.ts";
import type { Turn } from "./turn.ts";

const NO = /^\s*(n[aã]o|no|nope|nao quero|deixa|deixa assim|esquece)\s*[.!]*\s*$/i;
const ADD =
  /^\s*(somar|soma|some|somando|adicionar|adiciona|juntar|junta|acrescentar|acrescenta|mais|add|sum|1)\s*[.!]*\s*$/i;
const REPLACE = /^\s*(trocar|troca|troque|substituir|substitui|substitua|replace|change|2)\s*[.!]*\s*$/i;
/** The "change" reply button under a summary (or the word typed alone). */
const CHANGE = /^\s*(alterar|mudar|editar|change|edit)\s*[.!]*\s*$/i;
const MORE = /^\s*(mais|ver mais|manda mais|continua|continuar|pr[oó]xim[ao]s?|more|next|show more)\s*[.!]*\s*$/i;

/**
 * Answers to what the bot asked last, read before the intent: "somar" / "trocar" after an add-or-replace question,
 * "não" to a change or a cancellation, "mais" for the rest of the catalog. Null when the message answers nothing
 * asked; a question left unanswered is dropped (a cancellation or a choice), so it cannot be confirmed by accident.
 */
export async function answerPending(turn: Turn): Promise<string[] | null> {
  const { input, messages, understanding, text } = turn;
  const { conversation } = input;
  const pending = conversation.pending;
  const document = await answerPendingDocument(turn);
  if (document) return document;
  if (pending?.kind === "choice") {
    const choice = ADD.test(text) ? "add" : REPLACE.test(text) ? "replace" : null;
    if (choice) {
      resume(turn, pending);
      return applyItems(turn, pending.items, choice);
    }
    if (NO.test(text) || understanding.intent === "cancel") {
      resume(turn, pending);
      return [messages.changeDropped()];
    }
    if (understanding.intent !== "confirm") {
      // The question is dropped and the message read anew.
      resume(turn, pending);
    }
  }
  if (pending?.kind === "order" && CHANGE.test(text)) return [messages.howToChange()];
  if (pending?.kind === "change" && NO.test(text)) {
    delete conversation.pending;
    return [messages.changeDropped()];
  }
  if (pending?.kind === "cancel") {
    if (NO.test(text)) {
      delete conversation.pending;
      return [messages.cancelKept()];
    }
    // A cancellation waits for its "sim" or "não" only: anything else moves on and drops the question.
    if (understanding.intent !== "confirm") delete conversation.pending;
  }
  if (conversation.catalogNext !== undefined && MORE.test(text)) return catalogPage(turn, conversation.catalogNext);
  return null;
}

/** Takes up again what the add-or-replace question interrupted: the draft, or the change waiting for "sim". */
function resume(turn: Turn, choice: PendingChoice): void {
  if (choice.resume) turn.input.conversation.pending = choice.resume;
  else delete turn.input.conversation.pending;
}
