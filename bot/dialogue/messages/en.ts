import { formatReais } from "../../../core/domain/money.ts";
import type { Unit } from "../../../core/domain/units.ts";
import { formatQuantity, formatSummaryLines, plural, type SummaryWording } from "./format-summary.ts";
import type { Messages, OrderSummary } from "./messages.ts";

const UNIT_WORDS: Record<Unit, [string, string]> = {
  kg: ["kg", "kg"],
  g: ["g", "g"],
  un: ["unit", "units"],
  dz: ["dozen", "dozen"],
  maco: ["bunch", "bunches"],
  bandeja: ["tray", "trays"],
  cx: ["box", "boxes"],
  l: ["liter", "liters"],
  pct: ["pack", "packs"],
};

const STATUS_WORDS: Record<string, string> = {
  received: "received, waiting for the batch to close",
  placed: "ordered from the providers",
  on_the_way: "on the way 🚚",
  arrived: "here, ready for delivery 📦",
  delivered: "delivered ✅",
  cancelled: "cancelled",
  open: "open",
  closed: "closed",
};

const WORDING: SummaryWording = { unitWords: UNIT_WORDS, decimalMark: ".", of: "of" };
const quantity = (quantityMilli: number, unit: Unit) => formatQuantity(WORDING, quantityMilli, unit);
const lines = (summary: OrderSummary) => formatSummaryLines(WORDING, summary);

const orderTitle = (summary: OrderSummary) => (summary.number ? `Order #${summary.number}` : "Your order");

export const en: Messages = {
  help: ({ entrepreneur }) =>
    [
      "Hi! I take your grocery orders 🛒",
      "• Send your list: _2kg of tomatoes, half a dozen eggs and 3 lettuces_",
      "• *catalog*: products and prices",
      "• *status*: where your order is",
      "• *more 1kg of onions*, *remove the coriander*: change your order",
      "• *cancel*: cancel your open order",
      ...(entrepreneur
        ? [
            "",
            "Batch commands:",
            "• *close batch*: closes the batch and makes the spreadsheets",
            "• *summary*: the open batch so far",
            "• *batch on the way* / *batch arrived* / *batch delivered*",
            "• *order 42 delivered* (or on the way, arrived)",
            "• *redo sheets*: retries the spreadsheets that failed",
          ]
        : []),
    ].join("\n"),
  fallback: () =>
    "Sorry, I didn't get that 🤔 Send your shopping list (e.g. _2kg of tomatoes and a dozen eggs_), *catalog* for prices, *status* for your order, or *help*.",
  thanks: () => "You're welcome! Send your list whenever you like 😊",
  catalogEmpty: () => "The catalog is still empty. Please come back soon!",
  catalog: (sections) =>
    [
      "*Catalog* 🧺",
      ...sections.flatMap((section) => [
        "",
        `*${section.category}*`,
        ...section.products.map(
          (product) => `• ${product.name}: ${formatReais(product.priceCents)}/${UNIT_WORDS[product.unit][0]}`,
        ),
      ]),
      "",
      "To order, send your list: _2kg of tomatoes and 1 bunch of coriander_",
    ].join("\n"),
  draftSummary: (summary) => `${orderTitle(summary)}:\n${lines(summary)}\n\nReply *YES* to confirm.`,
  orderConfirmed: (summary) =>
    `✅ ${orderTitle(summary)} confirmed!\n${lines(summary)}\n\nWe'll let you know when it's on the way.`,
  orderAlreadyClosed: (orderNumber) =>
    `Order #${orderNumber} was already closed and sent to the providers. These items go in a new order:`,
  orderNoLongerOpen: (orderNumber) =>
    `Order #${orderNumber} was already closed and sent to the providers: it can no longer be changed or cancelled.`,
  orderChanged: (summary) => `✏️ ${orderTitle(summary)} updated:\n${lines(summary)}`,
  itemsRemoved: (names, summary) =>
    summary && summary.lines.length > 0
      ? `Removed ${names.join(", ")}.\n${orderTitle(summary)}:\n${lines(summary)}`
      : `Removed ${names.join(", ")}. Your order was left empty and was cancelled.`,
  notInOrder: (names) => `${names.join(", ")} ${names.length > 1 ? "are" : "is"} not in your order.`,
  nothingToRemove: () => "You have no open order to change. Send your list to start one!",
  draftDiscarded: () => "Alright, I dropped that list. Send another one whenever you like.",
  confirmCancel: (orderNumber) => `Do you really want to cancel order #${orderNumber}? Reply *YES* to cancel.`,
  nothingToConfirm: () => "There is nothing to confirm. Send your shopping list first 🙂",
  nothingToCancel: () => "You have no order that can still be cancelled.",
  cancelKept: () => "Ok, your order stays as it is.",
  unknownProducts: (fragments) =>
    fragments
      .map((fragment) =>
        fragment.suggestions.length > 0
          ? `I couldn't find "${fragment.text}". Did you mean ${fragment.suggestions.join(" or ")}?`
          : `We don't have "${fragment.text}" in the catalog.`,
      )
      .join("\n"),
  clarifyQuantities: (products) =>
    products
      .map(
        (product) =>
          `How much ${product.name}? It is sold by the ${UNIT_WORDS[product.unit][0]} (e.g. _1.5 ${UNIT_WORDS[product.unit][0]} of ${product.name.toLowerCase()}_).`,
      )
      .join("\n"),
  refusedQuantities: (problems) =>
    problems
      .map((problem) =>
        problem.reason === "too_large"
          ? `"${problem.text}": that quantity is too large (at most 1000).`
          : problem.reason === "too_precise"
            ? `"${problem.text}": use at most 3 decimal places.`
            : `"${problem.text}": the quantity must be more than zero.`,
      )
      .join("\n"),
  orderNotUnderstood: () => "I couldn't make an order of that. Try: _2kg of tomatoes, a dozen eggs_.",
  statusNone: () => "You have no orders in progress. Send your list to place one!",
  statusList: (orders) =>
    orders
      .map(
        (order) => `*Order #${order.number}*: ${STATUS_WORDS[order.status] ?? order.status}\n${lines(order.summary)}`,
      )
      .join("\n\n"),
  orderStatusNotification: (orderNumber, status) => `Your order #${orderNumber} is ${STATUS_WORDS[status] ?? status}.`,
  batchClosed: (figures, sheets) =>
    [
      `🔒 Batch ${figures.number} closed: ${plural(figures.orders, "order", "orders")}, ${plural(figures.items, "item", "items")}, ${formatReais(figures.totalCents)}.`,
      ...figures.providers.map(
        (provider) =>
          `• ${provider.name}: ${plural(provider.items, "item", "items")}, ${formatReais(provider.totalCents)}`,
      ),
      `Making ${sheets} spreadsheets; I'll send the links here as soon as they are ready.`,
    ].join("\n"),
  batchEmpty: () => "The open batch has no orders; nothing to close.",
  batchSummary: (figures) =>
    [
      `📋 Batch ${figures.number} (open): ${plural(figures.orders, "order", "orders")}, ${plural(figures.items, "item", "items")}, ${formatReais(figures.totalCents)}.`,
      ...figures.providers.map(
        (provider) =>
          `• ${provider.name}: ${plural(provider.items, "item", "items")}, ${formatReais(provider.totalCents)}`,
      ),
    ].join("\n"),
  batchStatusChanged: (batchNumber, status, orders) =>
    `Batch ${batchNumber}: ${STATUS_WORDS[status] ?? status}. ${orders} ${orders === 1 ? "customer" : "customers"} notified.`,
  orderStatusChanged: (orderNumber, status) =>
    `Order #${orderNumber}: ${STATUS_WORDS[status] ?? status}. Customer notified.`,
  transitionRefused: (what, from, to) =>
    `Can't do: ${what.kind === "order" ? `order #${what.number}` : `batch ${what.number}`} is ${STATUS_WORDS[from] ?? from} and cannot become ${STATUS_WORDS[to] ?? to}.`,
  orderNotFound: (orderNumber) => `I couldn't find order #${orderNumber}.`,
  noClosedBatch: () => "No batch was closed yet.",
  sheetReady: (providerName, batchNumber, url) =>
    `📄 ${providerName ? `${providerName}'s` : "Consolidated"} spreadsheet for batch ${batchNumber}: ${url}`,
  sheetFailed: (providerName, batchNumber, error) =>
    `⚠️ I couldn't make the ${providerName ? `${providerName}` : "consolidated"} spreadsheet for batch ${batchNumber}: ${error}. Send *redo sheets* to try again.`,
  sheetsDone: (batchNumber, ready, failed) =>
    failed === 0
      ? `✅ All ${ready} spreadsheets of batch ${batchNumber} are ready.`
      : `Batch ${batchNumber}: ${ready} spreadsheets ready, ${failed} failed.`,
  sheetsRetried: (batchNumber, count) => `Retrying ${count} spreadsheets of batch ${batchNumber}.`,
  nothingToRetry: () => "There are no failed spreadsheets to redo.",
  adminGranted: (phone) => `✅ ${phone} is now an admin: they can close batches and change statuses.`,
  adminAlready: (phone) => `${phone} is already an admin.`,
  adminRevoked: (phone) => `${phone} is no longer an admin.`,
  adminNotAdmin: (phone) => `${phone} is not an admin; nothing changed.`,
  adminSelfRevoke: () => "You can't remove yourself as an admin. Ask another admin.",
  adminPhoneInvalid: (text) =>
    `${text ? `"${text}" is not` : "Missing"} a phone number. Send it with country and area code, digits only: *add admin 5584999990001*.`,
  adminsFixed: () =>
    "Admins are the ADMIN_PHONES numbers in the system's configuration; change them there and restart to add or remove one.",
  adminUnavailable: () =>
    "I couldn't reach the user directory just now; nothing changed. Please try again in a moment.",
  onlyText: () => "I only understand text for now 🙂 Please type your list.",
  tooLong: (limit) => `That message is too long (at most ${limit} characters). Please send it in parts.`,
  slowDown: () => "Easy there! 😅 I got a lot of messages in a row. Wait a minute and send again.",
  tryAgainSoon: () => "We're having a hiccup. Please try again in a moment.",
  pendingExpired: () => "Your previous list expired without confirmation.",
  announcement: (text) => `📢 ${text}\n\n_To stop these announcements, reply STOP._`,
  announcementQueued: (recipients, stopped) =>
    recipients === 0
      ? "No customers to tell yet."
      : `Announcement on its way to ${recipients === 1 ? "1 customer" : `${recipients} customers`}${stopped > 0 ? ` (${stopped === 1 ? "1 asked" : `${stopped} asked`} not to get announcements)` : ""}. It goes out gradually, at the pace WhatsApp allows.`,
  announcementEmpty: () => "The announcement has no text. Send it like this: *tell customers: mangoes are in!*",
  announcementTooLong: (limit) => `The announcement is over ${limit} characters. Please send a shorter text.`,
  announcementsStopped: (changed) =>
    changed
      ? "Done, you won't get announcements any more. News about your orders still comes. To get them again, send RESUME."
      : "You already don't get announcements. To get them again, send RESUME.",
  announcementsResumed: (changed) =>
    changed ? "Great! You'll get our announcements again. 🙂" : "You already get our announcements. 🙂",
  customersCount: (customers, stopped) =>
    `${customers === 1 ? "1 customer" : `${customers} customers`}; ${stopped === 0 ? "all get announcements" : `${stopped} asked not to get announcements`}.`,
  closeReminder: (batchNumber, closesAt) =>
    `Reminder: batch ${batchNumber} closes ${closesAt} and your list isn't confirmed yet. Reply YES to confirm it.`,
  scheduledClose: (batchNumber, outcome) =>
    outcome === "closed"
      ? `Batch ${batchNumber} closed on schedule. The spreadsheets will come here as soon as they're ready.`
      : `It's time to close batch ${batchNumber}, but it has no orders, so it stays open.`,
  closeScheduleSet: (nextClose, reminderHours) =>
    `Done: the batch will close on its own every week. Next close: ${nextClose}.${reminderHours > 0 ? ` Customers with an unconfirmed list get a reminder ${reminderHours === 1 ? "1 hour" : `${reminderHours} hours`} before.` : ""}`,
  closeScheduleOff: () => "Automatic closing is off. The batch closes when you send *close batch*.",
  closeScheduleUnclear: () =>
    "I didn't get the day and time. Send it like this: *close batch thursday 6pm* (or *automatic closing off*).",
  batchClosesAt: (closesAt) => `The current batch closes ${closesAt}.`,
  formatMoment: (moment, timeZone) => {
    const text = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      weekday: "long",
      day: "numeric",
      month: "long",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(moment);
    const part = (type: string) => text.find((entry) => entry.type === type)?.value ?? "";
    return `on ${part("weekday")}, ${part("day")} ${part("month")}, at ${part("hour")}:${part("minute")}`;
  },
  formatMoney: formatReais,
  formatQuantity: quantity,
};
