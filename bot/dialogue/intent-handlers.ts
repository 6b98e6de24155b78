import type { Intent } from "../understand/understand-message.ts";
import { answerQuestion } from "./intents/answer-question.ts";
import { batchStatus } from "./intents/batch-status.ts";
import { cancel } from "./intents/cancel.ts";
import { changeOrder } from "./intents/change-order.ts";
import { closeBatch } from "./intents/close-batch.ts";
import { confirm } from "./intents/confirm.ts";
import { finalTotals } from "./intents/final-totals.ts";
import { help } from "./intents/help.ts";
import { listQuestions } from "./intents/list-questions.ts";
import { orderStatus } from "./intents/order-status.ts";
import { other } from "./intents/other.ts";
import { productQuestion } from "./intents/product-question.ts";
import { question } from "./intents/question.ts";
import { recordDelivered } from "./intents/record-delivered.ts";
import { recordPaid } from "./intents/record-paid.ts";
import { repeatOrder } from "./intents/repeat-order.ts";
import { showCatalog } from "./intents/show-catalog.ts";
import { showOrder } from "./intents/show-order.ts";
import { status } from "./intents/status.ts";
import { summary } from "./intents/summary.ts";
import { unpaidOrders } from "./intents/unpaid-orders.ts";
import type { IntentHandler } from "./turn.ts";

/** One handler per intent: a new intent is a new file and a line here. */
export const INTENT_HANDLERS: Record<Intent, IntentHandler> = {
  help,
  catalog: showCatalog,
  order: changeOrder,
  remove: changeOrder,
  confirm,
  cancel,
  status,
  repeat_order: repeatOrder,
  product_question: productQuestion,
  question,
  other,
  close_batch: closeBatch,
  summary,
  batch_status: batchStatus,
  order_status: orderStatus,
  answer_question: answerQuestion,
  list_questions: listQuestions,
};

/** The entrepreneur's commands: a customer gets the ordinary fallback, no hint that they exist. */
export const ENTREPRENEUR_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  "close_batch",
  "summary",
  "batch_status",
  "order_status",
  "answer_question",
  "list_questions",
]);

/** The entrepreneur's delivery and money commands (bot/understand/read-money-command.ts), entrepreneurs only. */
export const MONEY_HANDLERS = {
  delivered: recordDelivered,
  ready: finalTotals,
  paid: recordPaid,
  unpaid: unpaidOrders,
  show_order: showOrder,
};
