import type { Reply } from "../../core/app/answer-message.ts";
import { AppError } from "../../core/app/errors.ts";
import { MAX_ORDER_LINES } from "../../core/domain/money-bounds.ts";
import { exceedsTextLimit, splitMessage, WHATSAPP_TEXT_LIMIT } from "../../core/domain/whatsapp-text.ts";
import type { UnderstandingResult } from "../bot-metrics.ts";
import { resolveMoneyAmounts } from "../understand/resolve-money-amounts.ts";
import { type Understanding, understandMessage } from "../understand/understand-message.ts";
import { answerDeliveryAndMoney } from "./answer-delivery-and-money.ts";
import { answerPending } from "./answer-pending.ts";
import { expirePending } from "./conversation.ts";
import { ENTREPRENEUR_INTENTS, INTENT_HANDLERS } from "./intent-handlers.ts";
import { cancel } from "./intents/cancel.ts";
import { receiveDocument } from "./intents/receive-document.ts";
import { categoriesOf, categoryNamed, categoryPage } from "./intents/show-catalog.ts";
import { messagesFor } from "./locale.ts";
import type { Messages } from "./messages/messages.ts";
import { TEXT_COMMANDS } from "./text-commands.ts";
import type { ConverseInput, Turn } from "./turn.ts";

/** Intents that say something about the language the person speaks; "ok" or "sim" alone do not. */
const LANGUAGE_BEARING = new Set([
  "order",
  "remove",
  "status",
  "catalog",
  "help",
  "cancel",
  "close_batch",
  "summary",
  "repeat_order",
  "product_question",
  "question",
]);
/** PRODUCT.md: a reply is at most 5 messages (the catalog sends the rest on "mais"; see intents/show-catalog.ts). */
const MAX_REPLY_MESSAGES = 5;

/**
 * Decides the answer to one message and carries out its effects through the core's use cases: reads it, lets an
 * answer to the bot's last question go first (answerPending), then hands it to its intent's handler
 * (INTENT_HANDLERS). Runs inside the transaction that records the message, so the effects, the new state and the
 * replies commit together. Mutates `conversation`; returns the replies.
 */
export async function converse(input: ConverseInput): Promise<Reply[]> {
  const { conversation } = input;
  const text = input.text.trim();
  const expired = expirePending(conversation, input.context.now(), input.pendingTtlMs);
  const fallbackMessages = messagesFor(conversation.locale ?? input.defaultLocale);
  if (input.document) {
    // A customer's document is media like any other; the entrepreneur's is a catalog or a packing workbook.
    if (!input.entrepreneur) return replies(fallbackMessages, fallbackMessages.onlyText());
    return replies(fallbackMessages, ...(await receiveDocument(input, input.document, fallbackMessages)));
  }
  if (!text && input.mediaKind === "audio") return replies(fallbackMessages, fallbackMessages.voiceNote());
  if (!text) return replies(fallbackMessages, fallbackMessages.onlyText());
  if (exceedsTextLimit(text)) return replies(fallbackMessages, fallbackMessages.tooLong(WHATSAPP_TEXT_LIMIT));

  // "5 reais de cebolinha" becomes a quantity here, where the prices are known.
  const understanding = resolveMoneyAmounts(
    understandMessage(text, input.catalog.compiled),
    (sku) => input.catalog.bySku.get(sku)?.priceCents,
  );
  input.understood(readingResult(understanding));
  if (understanding.languageEvident && LANGUAGE_BEARING.has(understanding.intent))
    conversation.locale = understanding.language;
  const messages = messagesFor(conversation.locale ?? input.defaultLocale);

  const turn: Turn = { input, text, understanding, messages, expired };
  try {
    const command = TEXT_COMMANDS.find((candidate) => candidate.matches(text));
    if (command) {
      const allowed = input.entrepreneur || command.anyone === true;
      return replies(messages, ...(allowed ? await command.handle(turn) : [messages.fallback()]));
    }
    const delivery = await answerDeliveryAndMoney(turn);
    if (delivery) return replies(messages, ...delivery);
    const answered = await answerPending(turn);
    if (answered) return replies(messages, ...answered);
    // A category's name alone (typed, or chosen from the catalog's list): that category's products.
    const category = understanding.items.length === 0 ? categoryNamed(input.catalog, text) : undefined;
    if (category) return replies(messages, ...categoryPage(turn, category));
    // The rest of the catalog is offered until the customer says something else.
    delete conversation.catalogNext;
    if (ENTREPRENEUR_INTENTS.has(understanding.intent) && !input.entrepreneur) {
      // "cancelar pedido 6" from the customer whose open order is #6 cancels it, asking first.
      const ownOrder = understanding.status === "cancelled" && understanding.order === input.editableOrder?.number;
      return replies(messages, ...(ownOrder ? await cancel(turn) : [messages.fallback()]));
    }
    const answer = replies(messages, ...(await INTENT_HANDLERS[understanding.intent](turn)));
    return understanding.intent === "catalog" && understanding.items.length === 0
      ? withCategoryChoices(answer, turn)
      : answer;
  } catch (error) {
    if (error instanceof AppError) return replies(messages, explain(error, messages));
    throw error;
  }
}

function readingResult(understanding: Understanding): UnderstandingResult {
  if (understanding.clarify.length > 0 || understanding.problems.length > 0 || understanding.unknown.length > 0)
    return "clarify";
  return understanding.intent === "other" ? "not_understood" : "understood";
}

/** The texts as WhatsApp messages, at most MAX_REPLY_MESSAGES: a longer answer is cut, and says so. */
function replies(messages: Messages, ...texts: string[]): Reply[] {
  const parts = texts.flatMap((text) => splitMessage(text));
  if (parts.length > MAX_REPLY_MESSAGES) {
    parts.splice(MAX_REPLY_MESSAGES);
    const note = `\n\n${messages.replyCut()}`;
    parts[MAX_REPLY_MESSAGES - 1] =
      `${parts[MAX_REPLY_MESSAGES - 1]?.slice(0, WHATSAPP_TEXT_LIMIT - note.length)}${note}`;
  }
  return parts.map((text) => ({ text }));
}

/** The catalog's categories as a list under its last reply, for transports that show lists (2 to 10 of them). */
function withCategoryChoices(answer: Reply[], turn: Turn): Reply[] {
  const categories = categoriesOf(turn.input.catalog);
  const last = answer.at(-1);
  if (categories.length < 2 || categories.length > 10 || !last) return answer;
  return [...answer.slice(0, -1), { ...last, choices: { ...turn.messages.categoryChoices(), options: categories } }];
}

/** Rule violations the core reports, worded for chat. */
function explain(error: AppError, messages: Messages): string {
  const failure = error.failure;
  switch (failure.reason) {
    case "batch_empty":
      return messages.batchEmpty();
    case "batch_not_found":
      return messages.noClosedBatch();
    case "no_editable_order":
      return messages.nothingToCancel();
    case "invalid_transition": {
      const { entity, number, from, to } = failure.details;
      return messages.transitionRefused({ kind: entity, number }, from, to);
    }
    case "quantity_too_large":
      return messages.refusedQuantities([{ text: failure.message, reason: "too_large" }]);
    case "unknown_sku":
      return messages.orderNotUnderstood();
    case "too_many_lines":
      return messages.orderTooLong(MAX_ORDER_LINES);
    case "batch_full":
      return messages.batchFull();
    default:
      return messages.fallback();
  }
}
