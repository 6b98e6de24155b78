import type { Reply } from "../../core/app/answer-message.ts";
import { cancelOrder } from "../../core/app/cancel-order.ts";
import { changeBatchStatus } from "../../core/app/change-batch-status.ts";
import { changeOrderStatus } from "../../core/app/change-order-status.ts";
import { closeBatch } from "../../core/app/close-batch.ts";
import type { CoreContext } from "../../core/app/context.ts";
import { AppError } from "../../core/app/errors.ts";
import type { EditableOrder } from "../../core/app/find-open-order.ts";
import { type BatchView, getOpenBatch } from "../../core/app/get-batch.ts";
import { listOpenOrdersOf } from "../../core/app/list-orders.ts";
import { placeOrder } from "../../core/app/place-order.ts";
import { removeOrderItems } from "../../core/app/remove-order-items.ts";
import { retryFailedSheets } from "../../core/app/retry-failed-sheets.ts";
import type { OrderView } from "../../core/db/order-queries.ts";
import { lineTotal } from "../../core/domain/money.ts";
import { splitMessage, WHATSAPP_TEXT_LIMIT } from "../../core/domain/whatsapp-text.ts";
import type { Identity } from "../../core/identity/identity.ts";
import type { UnderstandingResult } from "../bot-metrics.ts";
import { type Understanding, type UnderstoodItem, understandMessage } from "../understand/understand-message.ts";
import { readAdminCommand, runAdminCommand } from "./admin-commands.ts";
import type { CatalogSnapshot } from "./catalog-cache.ts";
import { type Conversation, expirePending, type PendingOrder } from "./conversation.ts";
import { type Locale, messagesFor } from "./locale.ts";
import type { BatchFigures, Messages, OrderSummary } from "./messages/messages.ts";

export interface ConverseInput {
  context: CoreContext;
  businessId: number;
  phone: string;
  name?: string | undefined;
  text: string;
  media: boolean;
  entrepreneur: boolean;
  catalog: CatalogSnapshot;
  conversation: Conversation;
  /** The customer's order still open to changes, as the message arrived. */
  editableOrder: EditableOrder | undefined;
  defaultLocale: Locale;
  pendingTtlMs: number;
  /** Told how well the message was read, for metrics. */
  understood(result: UnderstandingResult): void;
  /** For the entrepreneur's admin commands (granting and revoking the role). */
  identity?: Identity | undefined;
}

/** Intents that say something about the language the person speaks; "ok" or "sim" alone do not. */
const LANGUAGE_BEARING = new Set(["order", "remove", "status", "catalog", "help", "cancel", "close_batch", "summary"]);
const NO = /^\s*(n[aã]o|no|nope|nao quero)\s*[.!]*\s*$/i;
/** The "change" reply button under a summary (or the word typed alone). */
const CHANGE = /^\s*(alterar|mudar|editar|change|edit)\s*[.!]*\s*$/i;
const THANKS = /\b(obrigad[oa]s?|valeu|brigad[oa]|thanks?|thank you|vlw)\b/i;
const REDO_SHEETS = /^\s*(refazer|refaz|redo|retry)\s+(as\s+)?(planilhas?|sheets?)\s*[.!]*\s*$/i;

/**
 * Decides the answer to one message and carries out its effects through the core's use cases. Runs inside the
 * transaction that records the message, so the effects, the new state and the replies commit together.
 * Mutates `conversation`; returns the replies.
 */
export async function converse(input: ConverseInput): Promise<Reply[]> {
  const { conversation } = input;
  const text = input.text.trim();
  const expired = expirePending(conversation, input.context.now(), input.pendingTtlMs);
  if (!text) return [{ text: messagesFor(conversation.locale ?? input.defaultLocale).onlyText() }];
  if (text.length > WHATSAPP_TEXT_LIMIT)
    return [{ text: messagesFor(conversation.locale ?? input.defaultLocale).tooLong(WHATSAPP_TEXT_LIMIT) }];

  const understanding = understandMessage(text, input.catalog.compiled);
  input.understood(readingResult(understanding));
  if (understanding.languageEvident && LANGUAGE_BEARING.has(understanding.intent))
    conversation.locale = understanding.language;
  const messages = messagesFor(conversation.locale ?? input.defaultLocale);
  const say = (...texts: (string | null | undefined)[]) => texts.filter((value): value is string => Boolean(value));

  if (input.entrepreneur && REDO_SHEETS.test(text)) return replies(await redoSheets(input, messages));
  const adminCommand = readAdminCommand(text);
  if (adminCommand) {
    // A customer gets the ordinary fallback, as for the other entrepreneur commands.
    if (!input.entrepreneur || !input.identity) return replies(messages.fallback());
    conversation.locale = adminCommand.language;
    return replies(
      await runAdminCommand({
        identity: input.identity,
        businessId: input.businessId,
        senderPhone: input.phone,
        command: adminCommand,
        messages: messagesFor(adminCommand.language),
      }),
    );
  }

  // A category's name alone (typed, or chosen from the catalog's list): that category's products.
  const category = understanding.items.length === 0 ? categoryNamed(input.catalog, text) : undefined;
  if (category) return replies(catalogText(input.catalog, messages, category));

  // A cancellation waits for its "sim" or "não" only: anything else moves on and drops the question.
  if (conversation.pending?.kind === "cancel" && understanding.intent !== "confirm" && !NO.test(text)) {
    delete conversation.pending;
  }

  try {
    switch (understanding.intent) {
      case "help":
        return replies(messages.help({ entrepreneur: input.entrepreneur }));
      case "catalog":
        return withCategoryChoices(replies(catalogText(input.catalog, messages)), input.catalog, messages);
      case "order":
        return replies(...(await order(input, understanding, messages)));
      case "remove": {
        const skus = understanding.items.map((item) => item.sku);
        // "tira o caviar": nothing of the catalog was named, so nothing is removed; say what was not found.
        if (skus.length === 0) {
          const notes = readingProblems(understanding, input.catalog, messages);
          return replies(...(notes.length > 0 ? notes : [messages.orderNotUnderstood()]));
        }
        return replies(...(await remove(input, skus, messages)));
      }
      case "confirm":
        return replies(...say(expired ? messages.pendingExpired() : null), ...(await confirm(input, messages)));
      case "cancel":
        return replies(await cancel(input, messages));
      case "status":
        return replies(await status(input, messages));
      case "close_batch":
      case "summary":
      case "batch_status":
      case "order_status":
        // A customer gets the ordinary fallback: no hint that such commands exist.
        if (!input.entrepreneur) return replies(messages.fallback());
        return replies(await administer(input, understanding, messages));
      case "other":
        if (conversation.pending?.kind === "cancel" && NO.test(text)) {
          delete conversation.pending;
          return replies(messages.cancelKept());
        }
        if (conversation.pending?.kind === "order" && CHANGE.test(text)) return replies(messages.howToChange());
        return replies(THANKS.test(text) ? messages.thanks() : messages.fallback());
    }
  } catch (error) {
    if (error instanceof AppError) return replies(explain(error, messages));
    throw error;
  }
}

function readingResult(understanding: Understanding): UnderstandingResult {
  if (understanding.clarify.length > 0 || understanding.problems.length > 0 || understanding.unknown.length > 0)
    return "clarify";
  return understanding.intent === "other" ? "not_understood" : "understood";
}

function replies(...texts: string[]): Reply[] {
  return texts.flatMap((text) => splitMessage(text)).map((text) => ({ text }));
}

/** The catalog's categories, in catalog order. */
function categoriesOf(catalog: CatalogSnapshot): string[] {
  return [...new Set(catalog.products.flatMap((product) => (product.category ? [product.category] : [])))];
}

function categoryNamed(catalog: CatalogSnapshot, text: string): string | undefined {
  const wanted = text.toLocaleLowerCase("pt-BR").replace(/[.!?]+$/, "");
  return categoriesOf(catalog).find((category) => category.toLocaleLowerCase("pt-BR") === wanted);
}

/** The catalog's categories as a list under its last reply, for transports that show lists (up to 10). */
function withCategoryChoices(answer: Reply[], catalog: CatalogSnapshot, messages: Messages): Reply[] {
  const categories = categoriesOf(catalog);
  const last = answer.at(-1);
  if (categories.length < 2 || categories.length > 10 || !last) return answer;
  return [...answer.slice(0, -1), { ...last, choices: { ...messages.categoryChoices(), options: categories } }];
}

function catalogText(catalog: CatalogSnapshot, messages: Messages, only?: string): string {
  if (catalog.products.length === 0) return messages.catalogEmpty();
  const sections = new Map<
    string,
    { name: string; unit: (typeof catalog.products)[number]["unit"]; priceCents: number }[]
  >();
  for (const product of catalog.products) {
    if (only !== undefined && product.category !== only) continue;
    const category = product.category ?? "—";
    const list = sections.get(category) ?? [];
    list.push({ name: product.name, unit: product.unit, priceCents: product.priceCents });
    sections.set(category, list);
  }
  return messages.catalog([...sections].map(([category, products]) => ({ category, products })));
}

/** What could not be read in an order message: unknown products, quantities to ask about, refused quantities. */
function readingProblems(understanding: Understanding, catalog: CatalogSnapshot, messages: Messages): string[] {
  const notes: string[] = [];
  if (understanding.unknown.length > 0) {
    notes.push(
      messages.unknownProducts(
        understanding.unknown.map((text) => ({
          text,
          suggestions: (understanding.suggestions[text] ?? []).map((sku) => catalog.bySku.get(sku)?.name ?? sku),
        })),
      ),
    );
  }
  const clarify = understanding.clarify.flatMap((sku) => {
    const product = catalog.bySku.get(sku);
    return product ? [{ name: product.name, unit: product.unit }] : [];
  });
  if (clarify.length > 0) notes.push(messages.clarifyQuantities(clarify));
  if (understanding.problems.length > 0) notes.push(messages.refusedQuantities(understanding.problems));
  return notes;
}

async function order(input: ConverseInput, understanding: Understanding, messages: Messages): Promise<string[]> {
  const notes = readingProblems(understanding, input.catalog, messages);
  // "tira o coentro e mais 1kg de tomate": removals come as lines set to zero.
  const removals = understanding.items
    .filter((item) => item.replace && item.quantityMilli === 0)
    .map((item) => item.sku);
  const additions = understanding.items.filter((item) => item.quantityMilli > 0);
  const answers: string[] = [];
  if (removals.length > 0) answers.push(...(await remove(input, removals, messages, additions.length > 0)));
  if (additions.length > 0) answers.push(await addItems(input, additions, messages));
  if (answers.length === 0 && notes.length === 0) return [messages.orderNotUnderstood()];
  return [...notes, ...answers];
}

async function addItems(input: ConverseInput, items: UnderstoodItem[], messages: Messages): Promise<string> {
  const { conversation } = input;
  if (conversation.pending?.kind === "order") {
    conversation.pending = {
      ...conversation.pending,
      items: mergeDraft(conversation.pending.items, items),
      at: nowIso(input),
    };
    return messages.draftSummary(draftSummary(conversation.pending, input.catalog));
  }
  const editable = input.editableOrder;
  if (editable) {
    try {
      const changed = await placeOrder(input.context, {
        businessId: input.businessId,
        phone: input.phone,
        name: input.name,
        locale: conversation.locale,
        items: items.map(({ sku, quantityMilli, replace }) => ({ sku, quantityMilli, replace })),
        onlyOrderId: editable.id,
      });
      return messages.orderChanged(orderSummary(changed));
    } catch (error) {
      // The batch closed while this message was on its way: these items start a new order, which needs a "sim".
      if (!(error instanceof AppError && error.reason === "order_closed")) throw error;
      conversation.pending = { kind: "order", items: mergeDraft([], items), at: nowIso(input) };
      return `${messages.orderAlreadyClosed(editable.number)}\n\n${messages.draftSummary(draftSummary(conversation.pending, input.catalog))}`;
    }
  }
  conversation.pending = { kind: "order", items: mergeDraft([], items), at: nowIso(input) };
  return messages.draftSummary(draftSummary(conversation.pending, input.catalog));
}

function mergeDraft(draft: PendingOrder["items"], items: readonly UnderstoodItem[]): PendingOrder["items"] {
  const merged = new Map(draft.map((item) => [item.sku, { ...item }]));
  for (const item of items) {
    const before = merged.get(item.sku);
    merged.set(item.sku, {
      sku: item.sku,
      quantityMilli: item.replace || !before ? item.quantityMilli : before.quantityMilli + item.quantityMilli,
    });
  }
  return [...merged.values()];
}

function draftSummary(draft: PendingOrder, catalog: CatalogSnapshot): OrderSummary {
  const lines = draft.items.flatMap((item) => {
    const product = catalog.bySku.get(item.sku);
    if (!product) return [];
    return [
      {
        name: product.name,
        unit: product.unit,
        quantityMilli: item.quantityMilli,
        totalCents: lineTotal(product.priceCents, item.quantityMilli),
      },
    ];
  });
  return { lines, totalCents: lines.reduce((total, line) => total + line.totalCents, 0) };
}

function orderSummary(order: OrderView): OrderSummary {
  return {
    number: order.number,
    totalCents: order.totalCents,
    lines: order.items.map((item) => ({
      name: item.name,
      unit: item.unit,
      quantityMilli: item.quantityMilli,
      totalCents: item.totalCents,
    })),
  };
}

async function remove(
  input: ConverseInput,
  skus: string[],
  messages: Messages,
  quietWhenMissing = false,
): Promise<string[]> {
  const { conversation } = input;
  const names = (list: readonly string[]) => list.map((sku) => input.catalog.bySku.get(sku)?.name ?? sku);
  if (conversation.pending?.kind === "order") {
    const pending = conversation.pending;
    const kept = pending.items.filter((item) => !skus.includes(item.sku));
    const missing = skus.filter((sku) => !pending.items.some((item) => item.sku === sku));
    if (kept.length === 0) {
      delete conversation.pending;
      return [messages.draftDiscarded()];
    }
    conversation.pending = { ...pending, items: kept, at: nowIso(input) };
    return [
      ...(missing.length > 0 ? [messages.notInOrder(names(missing))] : []),
      messages.draftSummary(draftSummary(conversation.pending, input.catalog)),
    ];
  }
  const editable = input.editableOrder;
  if (!editable) return quietWhenMissing ? [] : [messages.nothingToRemove()];
  const result = await removeOrderItems(input.context, {
    businessId: input.businessId,
    phone: input.phone,
    skus,
    onlyOrderId: editable.id,
  }).catch((error: unknown) => {
    if (error instanceof AppError && error.reason === "order_closed") return null;
    throw error;
  });
  if (!result) return [messages.orderNoLongerOpen(editable.number)];
  const answers: string[] = [];
  if (result.notInOrder.length > 0) answers.push(messages.notInOrder(names(result.notInOrder)));
  if (result.removed.length > 0) {
    answers.push(
      messages.itemsRemoved(
        names(result.removed),
        result.order.status === "cancelled" ? null : orderSummary(result.order),
      ),
    );
  }
  return answers;
}

async function confirm(input: ConverseInput, messages: Messages): Promise<string[]> {
  const { conversation } = input;
  const pending = conversation.pending;
  if (pending?.kind === "order") {
    // The draft is dropped only once the order exists: a refusal (a product gone from the catalog) keeps it.
    const placed = await placeOrder(input.context, {
      businessId: input.businessId,
      phone: input.phone,
      name: input.name,
      locale: conversation.locale,
      items: pending.items,
    });
    delete conversation.pending;
    return [messages.orderConfirmed(orderSummary(placed))];
  }
  if (pending?.kind === "cancel") {
    delete conversation.pending;
    const editable = input.editableOrder;
    // The order asked about may have been closed since: never cancel another one.
    if (editable?.number !== pending.orderNumber) return [messages.orderNoLongerOpen(pending.orderNumber)];
    try {
      await cancelOrder(input.context, { businessId: input.businessId, phone: input.phone, onlyOrderId: editable.id });
    } catch (error) {
      if (error instanceof AppError && error.reason === "order_closed")
        return [messages.orderNoLongerOpen(editable.number)];
      throw error;
    }
    // The cancellation's own notification tells the customer; a reply here would say it twice.
    return [];
  }
  return [messages.nothingToConfirm()];
}

async function cancel(input: ConverseInput, messages: Messages): Promise<string> {
  const { conversation } = input;
  if (conversation.pending?.kind === "order") {
    delete conversation.pending;
    return messages.draftDiscarded();
  }
  const editable = input.editableOrder;
  if (!editable) return messages.nothingToCancel();
  conversation.pending = { kind: "cancel", orderNumber: editable.number, at: nowIso(input) };
  return messages.confirmCancel(editable.number);
}

async function status(input: ConverseInput, messages: Messages): Promise<string> {
  const orders = await listOpenOrdersOf(input.context, input.businessId, input.phone);
  if (orders.length === 0) return messages.statusNone();
  return messages.statusList(
    orders.map((order) => ({ number: order.number, status: order.status, summary: orderSummary(order) })),
  );
}

function figures(batch: BatchView): BatchFigures {
  return {
    number: batch.number,
    orders: batch.orders,
    items: batch.items,
    totalCents: batch.totalCents,
    providers: batch.providers.map((provider) => ({
      name: provider.providerName,
      items: provider.items,
      totalCents: provider.totalCents,
    })),
  };
}

async function administer(input: ConverseInput, understanding: Understanding, messages: Messages): Promise<string> {
  const { context, businessId } = input;
  switch (understanding.intent) {
    case "close_batch": {
      const closed = await closeBatch(context, businessId, [input.phone]);
      return messages.batchClosed(figures(closed.batch), closed.batch.sheets.length);
    }
    case "summary":
      return messages.batchSummary(figures(await getOpenBatch(context, businessId)));
    case "batch_status": {
      const target = understanding.status;
      if (target !== "on_the_way" && target !== "arrived" && target !== "delivered")
        return messages.help({ entrepreneur: true });
      const batch = await changeBatchStatus(context, { businessId, batch: "last_closed", status: target });
      return messages.batchStatusChanged(batch.number, batch.status, batch.orders);
    }
    case "order_status": {
      const target = understanding.status;
      const number = understanding.order;
      if (number === undefined || !target || target === "placed") return messages.help({ entrepreneur: true });
      try {
        const order = await changeOrderStatus(context, { businessId, order: { number }, status: target });
        return messages.orderStatusChanged(order.number, order.status);
      } catch (error) {
        if (error instanceof AppError && error.reason === "order_not_found") return messages.orderNotFound(number);
        throw error;
      }
    }
    default:
      return messages.fallback();
  }
}

async function redoSheets(input: ConverseInput, messages: Messages): Promise<string> {
  const retried = await retryFailedSheets(input.context, input.businessId);
  return retried ? messages.sheetsRetried(retried.batchNumber, retried.count) : messages.nothingToRetry();
}

/** Rule violations the core reports, worded for chat. */
function explain(error: AppError, messages: Messages): string {
  switch (error.reason) {
    case "batch_empty":
      return messages.batchEmpty();
    case "batch_not_found":
      return messages.noClosedBatch();
    case "no_editable_order":
      return messages.nothingToCancel();
    case "invalid_transition": {
      const details = error.details as { entity: "order" | "batch"; number: number; from: string; to: string };
      return messages.transitionRefused({ kind: details.entity, number: details.number }, details.from, details.to);
    }
    case "quantity_too_large":
      return messages.refusedQuantities([{ text: error.message, reason: "too_large" }]);
    case "unknown_sku":
      return messages.orderNotUnderstood();
    default:
      return messages.fallback();
  }
}

function nowIso(input: ConverseInput): string {
  return input.context.now().toISOString();
}
