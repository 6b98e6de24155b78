import type { CatalogFileProblem } from "../../../core/app/catalog-file-problem.ts";
import type { CatalogChanges } from "../../../core/app/plan-catalog-import.ts";
import type { DeliveredWorkbookProblem, DeliveredWorkbookReading } from "../../../core/app/read-delivered-workbook.ts";
import type { Unit } from "../../../core/domain/units.ts";
import type {
  DeliveredChange,
  DeliveredProblemView,
  DeliveredRefusal,
  DeliveryView,
  FinalTotalNotice,
  OrderDetailsView,
  OrderMoneyView,
  UnpaidView,
} from "./money-views.ts";

/** One line of an order as the bot shows it. */
export interface SummaryLine {
  name: string;
  quantityMilli: number;
  unit: Unit;
  /** Null when the price is not known yet (a draft of a product that left the catalog). */
  totalCents: number | null;
  /** Out of stock since it was ordered: shown so, never dropped (the customer decides). */
  unavailable?: boolean;
}

export interface OrderSummary {
  number?: number;
  lines: SummaryLine[];
  totalCents: number;
}

/** One line of a change to a confirmed order: before → after (0 before: new; 0 after: taken out). */
export interface OrderChange {
  name: string;
  unit: Unit;
  beforeMilli: number;
  afterMilli: number;
}

/** A customer's list not confirmed yet, as "resumo" shows it. */
export interface UnconfirmedList {
  name: string | null;
  phone: string;
  items: number;
}

/** What a packing workbook sent back would record, per order. */
export interface DeliveredPreview {
  batchNumber: number;
  orders: { orderNumber: number; changed: number; finalTotalCents: number }[];
  /** Rows that cannot be recorded: nothing is, until the workbook is fixed. */
  problems: { row: number; orderNumber: number; kind: DeliveredWorkbookProblem["kind"] }[];
}

/** Why a packing workbook cannot be read at all. */
export type WorkbookRefusal = Extract<DeliveredWorkbookReading, { kind: "unreadable" | "other_batch" }>;

/** What became of one provider's sheet: sent, or why not. */
export interface ProviderDeliveryLine {
  providerName: string;
  outcome: "sent" | "already_sent" | "no_phone" | "no_sheet" | "failed";
}

/** A customer's question passed on to the entrepreneur. */
export interface HandoffNotice {
  number: number;
  name: string | null;
  phone: string;
  text: string;
}

export interface CatalogSection {
  category: string;
  products: { name: string; unit: Unit; priceCents: number }[];
}

export interface BatchFigures {
  number: number;
  orders: number;
  items: number;
  totalCents: number;
  providers: { name: string; items: number; totalCents: number }[];
}

/** Everything the bot says, in one language. Each language implements this once, in its own file. */
export interface Messages {
  help(options: { entrepreneur: boolean }): string;
  fallback(): string;
  thanks(): string;
  catalogEmpty(): string;
  catalog(sections: CatalogSection[]): string;
  /** The short catalog answer: the categories with how many products each, and the price list's address. */
  /** The line that links the public price list, below a catalog told whole. */
  priceListLink(url: string): string;
  catalogLink(categories: { category: string; products: number }[], url: string): string;
  /** The list under the catalog (Cloud API): its text and the title of the button that opens it. */
  categoryChoices(): { body: string; button: string };
  draftSummary(summary: OrderSummary): string;
  orderConfirmed(summary: OrderSummary): string;
  orderChanged(summary: OrderSummary): string;
  orderAlreadyClosed(orderNumber: number): string;
  /** A change or cancellation of an order whose batch closed since the customer saw it. */
  orderNoLongerOpen(orderNumber: number): string;
  notInOrder(names: string[]): string;
  nothingToRemove(): string;
  draftDiscarded(): string;
  /** Reply buttons under a summary waiting for "sim" (at most 20 characters each; a tap arrives as the title). */
  summaryButtons(): [string, string, string];
  /** The "change" button tapped under a summary: how to change the list. */
  howToChange(): string;
  confirmCancel(orderNumber: number): string;
  nothingToConfirm(): string;
  nothingToCancel(): string;
  cancelKept(): string;
  unknownProducts(fragments: { text: string; suggestions: string[] }[]): string;
  clarifyQuantities(products: { name: string; unit: Unit }[]): string;
  refusedQuantities(problems: { text: string; reason: "not_positive" | "too_large" | "too_precise" }[]): string;
  orderNotUnderstood(): string;
  statusNone(): string;
  statusList(orders: { number: number; status: string; summary: OrderSummary }[]): string;
  orderStatusNotification(orderNumber: number, status: string): string;
  /** A status in words, as the order news template's parameter. */
  statusWords(status: string): string;
  /** Which sheet, as the sheet-ready template's parameter ("de Hortifruti", "consolidada"). */
  sheetLabel(providerName: string | null): string;
  /** To the entrepreneur: WhatsApp says this customer has no WhatsApp, so news to them stopped. */
  recipientUnreachable(phone: string, name: string | null): string;
  batchClosed(figures: BatchFigures, sheets: number): string;
  batchEmpty(): string;
  batchSummary(figures: BatchFigures): string;
  batchStatusChanged(batchNumber: number, status: string, orders: number): string;
  orderStatusChanged(orderNumber: number, status: string): string;
  transitionRefused(what: { kind: "order" | "batch"; number: number }, from: string, to: string): string;
  orderNotFound(orderNumber: number): string;
  // Delivery and money: the customer's delivery, delivered quantities, final totals, payments.
  askDeliveryChoice(): string;
  askAddress(): string;
  addressVague(): string;
  addressGivenUp(): string;
  deliverySet(delivery: DeliveryView, orderNumbers: number[]): string;
  deliveryLine(delivery: DeliveryView): string;
  deliveredSummary(orderNumber: number, changes: DeliveredChange[], beforeCents: number, afterCents: number): string;
  deliveredUnchanged(orderNumber: number): string;
  deliveredRecorded(orderNumber: number, finalTotalCents: number): string;
  deliveredDropped(): string;
  deliveredNotInOrder(orderNumber: number, products: string[]): string;
  deliveredInvalid(orderNumber: number, problems: DeliveredProblemView[]): string;
  deliveredRefused(orderNumber: number, reason: DeliveredRefusal): string;
  finalTotal(notice: FinalTotalNotice): string;
  finalTotalsSent(customers: number): string;
  /** The caption of the Pix QR image that follows the "copia e cola". */
  pixQrCaption(orderNumber: number): string;
  paymentRecorded(orderNumber: number, amountCents: number): string;
  paymentAlready(orderNumber: number, paidAt: Date): string;
  paymentRefused(orderNumber: number, reason: "order_not_closed" | "order_cancelled"): string;
  unpaidNone(): string;
  unpaidList(orders: UnpaidView[], totalCents: number): string;
  orderDetails(order: OrderDetailsView): string;
  orderMoney(orders: OrderMoneyView[]): string;
  noClosedBatch(): string;
  sheetReady(providerName: string | null, batchNumber: number, url: string): string;
  sheetFailed(providerName: string | null, batchNumber: number, error: string): string;
  sheetsDone(batchNumber: number, ready: number, failed: number): string;
  sheetsRetried(batchNumber: number, count: number): string;
  nothingToRetry(): string;
  adminGranted(phone: string): string;
  adminAlready(phone: string): string;
  adminRevoked(phone: string): string;
  adminNotAdmin(phone: string): string;
  adminSelfRevoke(): string;
  adminPhoneInvalid(text: string): string;
  adminsFixed(): string;
  adminUnavailable(): string;
  /** A change to a confirmed order, waiting for "sim". */
  changePreview(orderNumber: number, changes: OrderChange[], totalCents: number): string;
  askAddOrReplace(items: { name: string; unit: Unit; currentMilli: number; askedMilli: number }[]): string;
  chooseAddOrReplace(): string;
  changeDropped(): string;
  nothingChanges(): string;
  takeOffTooMuch(name: string, unit: Unit, currentMilli: number, askedMilli: number): string;
  /** Removing the last item: asked as a cancellation. */
  lastItemCancels(orderNumber: number): string;
  catalogMore(): string;
  /** The end of an answer cut at 5 messages. */
  replyCut(): string;
  catalogEnd(): string;
  productInfo(
    products: { name: string; unit: Unit; priceCents: number; available: boolean }[],
    missing: { text: string; suggestions: string[] }[],
  ): string;
  nothingToRepeat(): string;
  repeatNothingLeft(orderNumber: number, gone: string[]): string;
  repeatSummary(orderNumber: number, summary: OrderSummary, gone: string[], openOrderNumber: number | null): string;
  questionPassedOn(handoffNumber: number): string;
  handoffReceived(handoff: HandoffNotice): string;
  handoffAnswer(text: string): string;
  answerSent(handoffNumber: number, name: string | null, phone: string): string;
  handoffNotFound(target: string): string;
  questionsNone(): string;
  questionsList(handoffs: HandoffNotice[], total: number): string;
  onlyText(): string;
  /** A voice note: it cannot be listened to; writing works. */
  voiceNote(): string;
  // The catalog and the packing workbook by chat (documents the entrepreneur sends).
  catalogPreview(changes: CatalogChanges): string;
  catalogUnchanged(): string;
  /** The file is not a catalog the bot can read, and why (its row and column). */
  catalogRefused(filename: string, problem: CatalogFileProblem): string;
  catalogTooLargeForChat(products: number): string;
  catalogImported(changes: CatalogChanges, deactivated: number): string;
  documentDropped(): string;
  nothingToReplace(): string;
  deliveredPreview(preview: DeliveredPreview): string;
  deliveredStale(): string;
  workbookRecorded(batchNumber: number, orders: number): string;
  workbookRefused(refusal: WorkbookRefusal): string;
  priceChanged(name: string, fromCents: number, toCents: number): string;
  priceRefused(text: string): string;
  /** A price over the most one unit may cost (core/domain/money-bounds.ts). */
  priceTooHigh(maxCents: number): string;
  /** An order that would hold more products than one order may. */
  orderTooLong(maxProducts: number): string;
  /** A first order when the open batch holds as many orders as a batch may. */
  batchFull(): string;
  /** "preço abacate 9" when nobody sells abacate: new products come only in a spreadsheet. */
  productNotSold(name: string): string;
  availabilityChanged(name: string, available: boolean, customersTold: number): string;
  availabilityUnchanged(name: string, available: boolean): string;
  /** To a customer: a product of their open order ran out. */
  productSoldOut(productName: string, orderNumber: number): string;
  // The entrepreneur's views.
  unconfirmedLists(lists: UnconfirmedList[]): string;
  sheetLinks(batchNumber: number, sheets: { providerName: string | null; url: string }[]): string;
  noSheetLinks(batchNumber: number): string;
  batchNotFound(batchNumber: number): string;
  // Sheets sent to the providers.
  providerSheet(businessName: string, providerName: string, batchNumber: number): string;
  providerDeliveries(batchNumber: number, lines: ProviderDeliveryLine[]): string;
  tooLong(limit: number): string;
  slowDown(): string;
  tryAgainSoon(): string;
  pendingExpired(): string;
  /** An announcement as customers get it, with how to stop them. */
  announcement(text: string): string;
  announcementQueued(recipients: number, stopped: number): string;
  announcementEmpty(): string;
  announcementTooLong(limit: number): string;
  announcementsStopped(changed: boolean): string;
  announcementsResumed(changed: boolean): string;
  customersCount(customers: number, stopped: number): string;
  closeReminder(batchNumber: number, closesAt: string): string;
  scheduledClose(batchNumber: number, outcome: "closed" | "empty"): string;
  closeScheduleSet(nextClose: string, reminderHours: number): string;
  closeScheduleOff(): string;
  closeScheduleUnclear(): string;
  /**
   * To an entrepreneur, before the reply to their next message: the bot's WhatsApp session was lost (`at`, worded by
   * formatMoment) and, with `backAt`, came back; otherwise what to do.
   */
  sessionLost(loss: { kind: "logged_out" | "refused" | "dropped"; at: string; backAt: string | null }): string;
  /** For the status reply: when the open batch closes on its own. */
  batchClosesAt(closesAt: string): string;
  /** A moment in the business's time zone, as people say it ("quinta, 10/12, às 18:00"). */
  formatMoment(moment: Date, timeZone: string): string;
  formatMoney(cents: number): string;
  formatQuantity(quantityMilli: number, unit: Unit): string;
}
