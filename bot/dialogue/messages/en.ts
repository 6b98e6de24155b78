import type { CatalogFileProblem } from "../../../core/app/catalog-file-problem.ts";
import { formatReais } from "../../../core/domain/money.ts";
import { type Unit, unitLabel, unitWords } from "../../../core/domain/units.ts";
import { type CatalogChangesWording, formatCatalogChanges } from "./format-catalog-changes.ts";
import { formatQuantity, formatSummaryLines, plural, type SummaryWording } from "./format-summary.ts";
import type { DeliveredPreview, Messages, OrderSummary, ProviderDeliveryLine, WorkbookRefusal } from "./messages.ts";

/** What a status means for the customer, after "is" ("*Order #3*: …"). */
const STATE_WORDS: Record<string, string> = {
  received: "received; you can change it until the batch closes",
  placed: "ordered from our suppliers",
  on_the_way: "on its way 🚚",
  arrived: "ready for delivery 📦",
  delivered: "delivered ✅",
  cancelled: "cancelled",
  open: "open",
  closed: "closed",
};

/** Status news to the customer, whole sentences: what happened and what it means for them. */
const ORDER_NEWS: Record<string, (orderNumber: number) => string> = {
  received: (number) => `We got your order #${number}. You can change it until the batch closes.`,
  placed: (number) =>
    `Your order #${number} is closed and ordered from our suppliers, so it can no longer be changed. We'll let you know when it's on its way.`,
  on_the_way: (number) => `Your order #${number} is on its way 🚚`,
  arrived: (number) => `Your order #${number} has arrived and is ready for delivery 📦`,
  delivered: (number) => `Your order #${number} was delivered ✅ Thank you!`,
  cancelled: (number) => `Your order #${number} was cancelled.`,
};

/** What the entrepreneur marked, as a label ("Order #5 delivered"). */
const LABELS: Record<string, string> = {
  received: "received",
  placed: "placed",
  on_the_way: "on the way 🚚",
  arrived: "arrived 📦",
  delivered: "delivered ✅",
  cancelled: "cancelled",
  open: "open",
  closed: "closed",
};

const WORDING: SummaryWording = {
  language: "en",
  decimalMark: ".",
  of: "of",
  halfDozen: "half a dozen",
  dozenAndHalf: "a dozen and a half",
  soldOut: "(sold out)",
  withoutOf: ["dz"],
};
const unitName = (unit: Unit) => unitLabel(unit, "en");
const change = (line: { unit: Unit; beforeMilli: number; afterMilli: number; name: string }) => {
  if (line.beforeMilli === 0) return `• ${line.name}: new, ${quantity(line.afterMilli, line.unit)}`;
  if (line.afterMilli === 0) return `• ${line.name}: ${quantity(line.beforeMilli, line.unit)} → taken out`;
  return `• ${line.name}: ${quantity(line.beforeMilli, line.unit)} → ${quantity(line.afterMilli, line.unit)}`;
};
/** A label without its emoji, for inside a sentence. */
/** How far a news message got, for the entrepreneur's "order 42". */
const NEWS_STATES: Record<string, string> = {
  waiting: "still queued",
  failed: "not delivered ⚠️",
  accepted: "sent",
  sent: "sent",
  delivered: "delivered to the phone",
  read: "read ✔✔",
};
const plain = (text: string) => text.replace(/\s*\p{Extended_Pictographic}/gu, "");
const who = (name: string | null, phone: string) => (name ? `${name} (${phone})` : phone);
const quantity = (quantityMilli: number, unit: Unit) => formatQuantity(WORDING, quantityMilli, unit);
const lines = (summary: OrderSummary) => formatSummaryLines(WORDING, summary);

const orderTitle = (summary: OrderSummary) => (summary.number ? `Order #${summary.number}` : "Your order");

const CATALOG_WORDING: CatalogChangesWording = {
  added: "New",
  prices: "Prices",
  costs: "Costs",
  availability: "Availability",
  others: "Other details",
  missing: "Not in the spreadsheet",
  noCost: "no cost",
  soldOut: "sold out",
  back: "available",
  andMore: (count) => `and ${count} more`,
};

const CATALOG_PROBLEMS: {
  [Kind in CatalogFileProblem["kind"]]: (problem: CatalogFileProblem & { kind: Kind }) => string;
} = {
  uneven_row: (problem) =>
    `row ${problem.row} has a different number of cells than the header${problem.unquotedComma ? ` (a price with a comma in a file separated by commas goes in quotes: "5,90")` : ""}.`,
  bad_cell: (problem) =>
    `row ${problem.row} has a value that does not fit${problem.column ? ` in column ${problem.column}` : ""}.`,
  missing_columns: (problem) => `the columns ${problem.columns.join(", ")} are missing.`,
  empty: () => "it has no products.",
  too_large: () => "the file is too large.",
  unreadable: () => "it is not an .xlsx or .csv spreadsheet I can read.",
};

const DELIVERED_PROBLEMS: Record<DeliveredPreview["problems"][number]["kind"], string> = {
  not_in_order: "the product is not in the order",
  given_twice: "the product is there twice",
  invalid_quantity: "the delivered quantity does not fit",
  unreadable_quantity: "I couldn't read the delivered quantity",
  unknown_order: "I couldn't find the order",
  order_of_another_batch: "the order is of another batch",
  order_refused: "the order takes no delivered quantities now",
};

const DELIVERED_UNREADABLE: Record<Extract<WorkbookRefusal, { kind: "unreadable" }>["reason"], string> = {
  not_a_workbook: "it is not an .xlsx workbook",
  no_orders_sheet: "the Pedidos sheet is missing",
  no_batch_number: "I couldn't find the batch number in its title",
  no_orders: "it has no orders",
  no_batch: "no batch was closed yet",
};

const PROVIDER_OUTCOMES: Record<ProviderDeliveryLine["outcome"], string> = {
  sent: "sent",
  already_sent: "already sent",
  no_phone: "no phone on record",
  no_sheet: "sheet not ready yet",
  failed: "could not be sent",
};

/** The line that links the public price list: said alone, and inside the catalog in brief. */
const priceListLink = (url: string) => `Every product with its price: ${url}`;

export const en: Messages = {
  help: ({ entrepreneur }) =>
    [
      "Hi! I take your grocery orders 🛒",
      "• Send your list: _2 kg of tomatoes, half a dozen eggs and 3 lettuces_",
      "• *catalog*: products and prices",
      "• *status*: where your order is",
      "• *more 1 kg of onions*, *remove the coriander*: change your order",
      "• *repeat my last order*: the same order as last time",
      "• *cancel*: cancel your open order",
      "• *stop* / *resume*: stop or resume announcements (news of your orders always comes)",
      ...(entrepreneur
        ? [
            "",
            "Batch commands:",
            "• *close batch*: closes the batch and makes the spreadsheets",
            "• *summary*: the open batch so far",
            "• *batch on the way* / *batch arrived* / *batch delivered*",
            "• *order 42 delivered* (or on the way, arrived), *cancel order 42*",
            "• *questions*: customers' questions waiting for an answer",
            "• *reply #3 text*: answers the question in the customer's chat",
            "• *redo sheets*: retries the spreadsheets that failed",
            "• *tell customers: text*: sends an announcement to everyone who did not ask to stop",
            "• *close batch thursday 6pm*: the batch closes on its own every week (*automatic closing off* undoes it)",
            "• *customers*: how many customers, and how many want no announcements",
          ]
        : []),
    ].join("\n"),
  fallback: () =>
    "Sorry, I didn't get that 🤔 Send your shopping list (e.g. _2 kg of tomatoes and a dozen eggs_), *catalog* for prices, *status* for your order, or *help*.",
  thanks: () => "You're welcome! Send your list whenever you like 😊",
  catalogEmpty: () => "The catalog is still empty. Please come back soon!",
  categoryChoices: () => ({ body: "Want to see one category only? Pick it here:", button: "Categories" }),
  catalog: (sections) =>
    [
      "*Catalog* 🧺",
      ...sections.flatMap((section) => [
        "",
        `*${section.category}*`,
        ...section.products.map(
          (product) => `• ${product.name}: ${formatReais(product.priceCents)}/${unitName(product.unit)}`,
        ),
      ]),
      "",
      "To order, send your list: _2 kg of tomatoes and 1 bunch of coriander_",
    ].join("\n"),
  priceListLink,
  catalogLink: (categories, url) =>
    [
      "*Catalog* 🧺",
      ...(categories.length > 0
        ? ["", ...categories.map(({ category, products }) => `• ${category} (${products})`)]
        : []),
      "",
      priceListLink(url),
      "",
      categories.length > 0
        ? `To see a category's prices here, send its name (e.g. _${categories[0]?.category}_). To order, send your list: _2 kg of tomatoes and 1 bunch of coriander_`
        : "To order, send your list: _2 kg of tomatoes and 1 bunch of coriander_",
    ].join("\n"),
  draftSummary: (summary) => `${orderTitle(summary)}:\n${lines(summary)}\n\nReply *YES* to confirm.`,
  orderConfirmed: (summary) =>
    `✅ ${orderTitle(summary)} confirmed!\n${lines(summary)}\n\nWe'll let you know when it's on the way.`,
  orderAlreadyClosed: (orderNumber) =>
    `Order #${orderNumber} was already closed and sent to our suppliers. These items go into a new order:`,
  orderNoLongerOpen: (orderNumber) =>
    `Order #${orderNumber} was already closed and sent to our suppliers: it can no longer be changed or cancelled.`,
  orderChanged: (summary) => `✏️ ${orderTitle(summary)} updated:\n${lines(summary)}`,
  notInOrder: (names) => `${names.join(", ")} ${names.length > 1 ? "are" : "is"} not in your order.`,
  nothingToRemove: () => "You have no open order to change. Send your list to start one!",
  draftDiscarded: () => "Alright, I dropped that list. Send another one whenever you like.",
  summaryButtons: () => ["Confirm", "Change", "Cancel"],
  howToChange: () =>
    "Send what you want to change: more items (e.g. _1 kg of onions_), _remove the tomatoes_ or _make it 3 kg of tomatoes_. Then reply *YES*.",
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
          `How much ${product.name}? It is sold by the ${unitName(product.unit)} (e.g. _${product.unit === "kg" ? "1.5 kg" : `2 ${unitWords(product.unit, "en")[1]}`} of ${product.name.toLowerCase()}_).`,
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
  orderNotUnderstood: () => "I couldn't make an order of that. Try: _2 kg of tomatoes, a dozen eggs_.",
  statusNone: () => "You have no orders in progress. Send your list to place one!",
  statusList: (orders) =>
    orders
      .map((order) => `*Order #${order.number}*: ${STATE_WORDS[order.status] ?? order.status}\n${lines(order.summary)}`)
      .join("\n\n"),
  orderStatusNotification: (orderNumber, status) =>
    ORDER_NEWS[status]?.(orderNumber) ?? `Your order #${orderNumber} has a new status.`,
  statusWords: (status) => STATE_WORDS[status] ?? status,
  sheetLabel: (providerName) => providerName ?? "consolidated",
  recipientUnreachable: (phone, name) =>
    `⚠️ WhatsApp says ${name ? `${name} (${phone})` : phone} is not on WhatsApp: I stopped sending news to that number. If they write again, the news starts again.`,
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
  batchStatusChanged: (batchNumber, status, notified) =>
    `Batch ${batchNumber} ${LABELS[status] ?? status}. ${
      notified === 0
        ? "No customers to notify."
        : notified === 1
          ? "1 customer notified."
          : `${notified} customers notified.`
    }`,
  orderStatusChanged: (orderNumber, status) => `Order #${orderNumber} ${LABELS[status] ?? status}. Customer notified.`,
  transitionRefused: (what, from, to) =>
    `Can't do that: ${what.kind === "order" ? `order #${what.number}` : `batch ${what.number}`} is ${plain(STATE_WORDS[from]?.split(";")[0] ?? from)} and cannot be marked "${plain(LABELS[to] ?? to)}".`,
  orderNotFound: (orderNumber) => `I couldn't find order #${orderNumber}.`,
  askDeliveryChoice: () => "How would you like to get it: *delivery* or *pickup*? (Until you answer, it's pickup.)",
  askAddress: () =>
    "What's the delivery address? Send it in one message: street, number, neighbourhood and a landmark.\nE.g. _Rua das Flores, 12, Centro, near the bakery_",
  addressVague: () =>
    "I need the full address so the courier can find you: street, number and neighbourhood.\nE.g. _Rua das Flores, 12, Centro_",
  addressGivenUp: () => "Without a full address I've kept it as *pickup*. For delivery, send _change address_.",
  deliverySet: (delivery, orderNumbers) =>
    [
      delivery.kind === "delivery"
        ? `Done! Delivery to ${delivery.address}. Delivery fee: ${delivery.feeCents === 0 ? "free" : formatReais(delivery.feeCents)}.`
        : "Done! You'll pick it up.",
      orderNumbers.length === 0
        ? ""
        : `This applies to ${orderNumbers.length === 1 ? "order" : "orders"} ${orderNumbers.map((number) => `#${number}`).join(", ")} and the next ones. To change: _change address_ or _pickup_.`,
    ]
      .filter(Boolean)
      .join("\n"),
  deliveryLine: (delivery) =>
    delivery.kind === "delivery"
      ? `🚚 Delivery to ${delivery.address} — fee ${delivery.feeCents === 0 ? "free" : formatReais(delivery.feeCents)}`
      : "🏠 Pickup",
  deliveredSummary: (orderNumber, changes, beforeCents, afterCents) =>
    [
      `Order #${orderNumber}, delivered:`,
      ...changes.map(change),
      `Final total: ${formatReais(beforeCents)} → *${formatReais(afterCents)}*`,
      "",
      "Reply *YES* to record it.",
    ].join("\n"),
  deliveredUnchanged: (orderNumber) =>
    `Nothing changes in order #${orderNumber}: those quantities are already recorded.`,
  deliveredRecorded: (orderNumber, finalTotalCents) =>
    `Recorded. Order #${orderNumber}: final total ${formatReais(finalTotalCents)}. Send _order ${orderNumber} ready_ to tell the customer.`,
  deliveredDropped: () => "OK, I didn't record the quantities.",
  deliveredNotInOrder: (orderNumber, products) =>
    `Order #${orderNumber} has no ${products.join(" or ")}. Nothing was recorded.`,
  deliveredInvalid: (orderNumber, problems) =>
    [
      `I recorded nothing for order #${orderNumber}:`,
      ...problems.map((problem) =>
        problem.kind === "not_whole"
          ? `• ${problem.name}: sold by the ${unitName(problem.unit)}, use whole numbers.`
          : problem.kind === "too_large"
            ? `• ${problem.name}: at most ${quantity(problem.maxMilli, problem.unit)}.`
            : `• ${problem.name}: given twice.`,
      ),
    ].join("\n"),
  deliveredRefused: (orderNumber, reason) =>
    reason === "order_not_closed"
      ? `Order #${orderNumber} is still open to changes; delivered quantities are recorded once the batch is closed.`
      : reason === "order_cancelled"
        ? `Order #${orderNumber} was cancelled.`
        : `Order #${orderNumber} is already paid; its amount no longer changes.`,
  finalTotal: (notice) =>
    [
      `Your order #${notice.orderNumber} has been packed and weighed.`,
      ...(notice.changes.length === 0
        ? ["Everything came as you ordered."]
        : ["What changed:", ...notice.changes.map(change)]),
      ...(notice.feeCents > 0 ? [`Delivery fee: ${formatReais(notice.feeCents)}`] : []),
      `*Final total: ${formatReais(notice.finalTotalCents)}*`,
      ...(notice.pix ? ["Pix copy and paste in the next message 👇"] : []),
    ].join("\n"),
  pixQrCaption: (orderNumber) =>
    `Pix QR code for order #${orderNumber}: scan it in your bank's app, or use the copy and paste code above.`,
  finalTotalsSent: (customers) =>
    customers === 0
      ? "No customer to tell: the final totals were already sent and nothing changed."
      : `Final total sent to ${plural(customers, "customer", "customers")}.`,
  paymentRecorded: (orderNumber, amountCents) =>
    `✅ Payment of order #${orderNumber} (${formatReais(amountCents)}) recorded.`,
  paymentAlready: (orderNumber, paidAt) =>
    `Order #${orderNumber} was already paid (recorded on ${paidAt.toISOString().slice(0, 10)}); I didn't record it again.`,
  paymentRefused: (orderNumber, reason) =>
    reason === "order_not_closed"
      ? `Order #${orderNumber} is still open to changes; its amount isn't settled yet.`
      : `Order #${orderNumber} was cancelled; there's nothing to pay.`,
  unpaidNone: () => "Nobody owes anything: every delivered order is paid ✅",
  unpaidList: (orders, totalCents) =>
    [
      `💰 Still to pay (${plural(orders.length, "order", "orders")}, ${formatReais(totalCents)}):`,
      ...orders.map(
        (order) =>
          `• #${order.number} ${who(order.name, order.phone)}: ${formatReais(order.amountDueCents)}${order.finalTotalKnown ? "" : " (not weighed)"}, ${order.days === 0 ? "delivered today" : `${plural(order.days, "day", "days")} ago`}`,
      ),
      "",
      "To record one: _order 42 paid_",
    ].join("\n"),
  orderDetails: (order) =>
    [
      `*Order #${order.number}* — ${who(order.name, order.phone)} — ${plain(STATE_WORDS[order.status]?.split(";")[0] ?? order.status)}`,
      ...order.lines.map(
        (line) =>
          `• ${line.name}: ${quantity(line.quantityMilli, line.unit)}${line.deliveredMilli === null || line.deliveredMilli === line.quantityMilli ? "" : ` → delivered ${line.deliveredMilli === 0 ? "none" : quantity(line.deliveredMilli, line.unit)}`}`,
      ),
      order.delivery.kind === "delivery"
        ? `🚚 Delivery to ${order.delivery.address} — fee ${formatReais(order.delivery.feeCents)}`
        : "🏠 Pickup",
      `Ordered total: ${formatReais(order.totalCents)}`,
      order.finalTotalCents === null
        ? "Final total: not weighed yet"
        : `*Final total: ${formatReais(order.finalTotalCents)}*`,
      order.paidAt ? `Payment: paid ✅ (${order.paidAt.toISOString().slice(0, 10)})` : "Payment: pending",
      order.news === null
        ? "No news sent to the customer yet."
        : `Last news (${plain(STATE_WORDS[order.news.status]?.split(";")[0] ?? order.news.status)}): ${NEWS_STATES[order.news.state] ?? order.news.state}`,
    ].join("\n"),
  orderMoney: (orders) =>
    orders
      .map(
        (order) =>
          `Order #${order.number}: ${order.finalTotalCents === null ? "final total after weighing" : `final total ${formatReais(order.finalTotalCents)}`} — ${order.paid ? "paid ✅" : "payment pending"}`,
      )
      .join("\n"),
  noClosedBatch: () => "No batch was closed yet.",
  sheetReady: (providerName, batchNumber, url) =>
    `📄 ${providerName ? `${providerName}'s` : "Consolidated"} spreadsheet for batch ${batchNumber}: ${url}`,
  sheetFailed: (providerName, batchNumber, error) =>
    `⚠️ I couldn't make the ${providerName ? `${providerName}` : "consolidated"} spreadsheet for batch ${batchNumber}: ${error}. Send *redo sheets* to try again.`,
  sheetsDone: (batchNumber, ready, failed) =>
    failed === 0
      ? `✅ All ${ready} spreadsheets of batch ${batchNumber} are ready.`
      : `Batch ${batchNumber}: ${plural(ready, "spreadsheet", "spreadsheets")} ready, ${failed} failed.`,
  sheetsRetried: (batchNumber, count) =>
    `Retrying ${plural(count, "spreadsheet", "spreadsheets")} of batch ${batchNumber}.`,
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
  changePreview: (orderNumber, changes, totalCents) =>
    [
      `Order #${orderNumber} would become:`,
      ...changes.map(change),
      `*New total: ${formatReais(totalCents)}*`,
      "",
      "Reply *YES* to confirm the change.",
    ].join("\n"),
  askAddOrReplace: (items) =>
    [
      ...items.map(
        (item) =>
          `Your order already has ${quantity(item.currentMilli, item.unit)} of ${item.name}. *Add* (making ${quantity(item.currentMilli + item.askedMilli, item.unit)}) or *replace* (making ${quantity(item.askedMilli, item.unit)})?`,
      ),
      "Reply *ADD* or *REPLACE*.",
    ].join("\n"),
  chooseAddOrReplace: () => "Reply *ADD* to add to what the order has, or *REPLACE* to keep only the new amount.",
  changeDropped: () => "All right, I left your order as it was.",
  nothingChanges: () => "Your order is already like that; nothing changed.",
  takeOffTooMuch: (name, unit, currentMilli, askedMilli) =>
    currentMilli === 0
      ? `${name} is not in your order.`
      : `Your order has ${quantity(currentMilli, unit)} of ${name}; I can't take off ${quantity(askedMilli, unit)}. To take it all out, send _remove ${name.toLowerCase()}_.`,
  lastItemCancels: (orderNumber) =>
    `Without that item order #${orderNumber} would be empty. Do you want to cancel order #${orderNumber}? Reply *YES* to cancel.`,
  catalogMore: () => "There's more: send *more* to see the rest.",
  replyCut: () => "(The answer was too long and stops here.)",
  catalogEnd: () => "That's the whole catalog. To order, send your list.",
  productInfo: (products, missing) =>
    [
      ...products.map(
        (product) =>
          `${product.name}: ${formatReais(product.priceCents)}/${unitName(product.unit)}. ${product.available ? "Yes, we have it!" : "It is sold out this week."}`,
      ),
      ...missing.map((item) =>
        item.suggestions.length > 0
          ? `We don't sell "${item.text}". We have ${item.suggestions.join(", ")}.`
          : `We don't sell "${item.text}".`,
      ),
      ...(products.some((product) => product.available) ? ["To order, send the amount: _2 kg of tomatoes_."] : []),
    ].join("\n"),
  nothingToRepeat: () => "You don't have an earlier order to repeat yet. Send your list!",
  repeatNothingLeft: (orderNumber, gone) =>
    `The products of order #${orderNumber} (${gone.join(", ")}) are no longer in the catalog. Send a new list!`,
  repeatSummary: (orderNumber, summary, gone, openOrderNumber) =>
    [
      `Repeating order #${orderNumber}, at today's prices:`,
      lines(summary),
      ...(gone.length > 0 ? [`${gone.join(", ")} ${gone.length > 1 ? "are" : "is"} no longer in the catalog.`] : []),
      ...(openOrderNumber ? [`These items go into order #${openOrderNumber}, which is still open.`] : []),
      "",
      "Reply *YES* to confirm.",
    ].join("\n"),
  questionPassedOn: (handoffNumber) =>
    `I can't answer that myself, so I passed your question on to the team (question #${handoffNumber}). You'll get the answer right here.`,
  handoffReceived: (handoff) =>
    `❓ Question #${handoff.number} from ${who(handoff.name, handoff.phone)}:\n"${handoff.text}"\n\nTo answer: _reply #${handoff.number} your answer_`,
  handoffAnswer: (text) => `💬 Answer from the team: ${text}`,
  answerSent: (handoffNumber, name, phone) => `Answer sent to ${who(name, phone)} (question #${handoffNumber}).`,
  handoffNotFound: (target) =>
    target.startsWith("#")
      ? `I couldn't find question ${target}. Send *questions* to see the open ones.`
      : `I couldn't find a question from ${target}. Send *questions* to see the open ones.`,
  questionsNone: () => "No questions waiting for an answer.",
  questionsList: (handoffs, total) =>
    [
      `${total === 1 ? "1 question" : `${total} questions`} waiting for an answer:`,
      ...handoffs.map((handoff) => `• #${handoff.number} ${who(handoff.name, handoff.phone)}: "${handoff.text}"`),
      ...(total > handoffs.length ? [`… and ${total - handoffs.length} more.`] : []),
      "",
      "To answer: _reply #number your answer_",
    ].join("\n"),
  onlyText: () => "I only understand text for now 🙂 Please type your list.",
  voiceNote: () =>
    "I can't listen to voice notes 🙉 Could you write it, please? For example: _2 kg of tomatoes and a dozen eggs_.",
  catalogPreview: (changes) =>
    [
      "📋 This spreadsheet changes the catalog like this:",
      ...formatCatalogChanges(CATALOG_WORDING, changes),
      "",
      changes.missing.length > 0
        ? `Reply *YES* to apply it (products not in the spreadsheet stay in the catalog), *REPLACE* to apply it and deactivate ${changes.missing.length === 1 ? "the one" : "those"} not in the spreadsheet, or *NO* to drop it.`
        : "Reply *YES* to apply it or *NO* to drop it.",
    ].join("\n"),
  catalogUnchanged: () =>
    "The spreadsheet changes nothing in the catalog: prices, costs and availability are already so.",
  catalogRefused: (filename, problem) =>
    `I couldn't use _${filename}_ as the catalog, and nothing changed: ${CATALOG_PROBLEMS[problem.kind](problem as never)}\n\nThe spreadsheet needs the columns sku, name, unit, price and provider (cost and available if you like), one product per row.`,
  catalogTooLargeForChat: (products) =>
    `The spreadsheet has ${products} products, too many to apply by chat. Use _sisconf catalog import_ on the server. Nothing changed.`,
  catalogImported: (changes, deactivated) =>
    [
      "✅ Catalog updated.",
      ...formatCatalogChanges(CATALOG_WORDING, { ...changes, missing: [] }),
      ...(deactivated > 0 ? [`${plural(deactivated, "product deactivated", "products deactivated")}.`] : []),
    ].join("\n"),
  documentDropped: () => "All right, I dropped the spreadsheet. Nothing changed.",
  nothingToReplace: () => "The spreadsheet leaves no product out: reply *YES* to apply it or *NO* to drop it.",
  deliveredPreview: (preview) =>
    preview.problems.length > 0
      ? [
          "I couldn't use the packing workbook, and nothing changed:",
          ...preview.problems.map(
            (problem) => `• Row ${problem.row} (order #${problem.orderNumber}): ${DELIVERED_PROBLEMS[problem.kind]}`,
          ),
        ].join("\n")
      : [
          `📦 Packing workbook of batch ${preview.batchNumber}:`,
          ...preview.orders.map(
            (order) =>
              `• Order #${order.orderNumber}: ${order.changed === 0 ? "no change" : plural(order.changed, "item changes", "items change")}, final total ${formatReais(order.finalTotalCents)}`,
          ),
          "",
          "Reply *YES* to record the delivered quantities or *NO* to drop them.",
        ].join("\n"),
  deliveredStale: () =>
    "The orders changed since I read the workbook (one paid or cancelled?), and nothing was recorded. Send the workbook again.",
  workbookRecorded: (batchNumber, orders) =>
    `✅ Delivered quantities of batch ${batchNumber} recorded (${plural(orders, "order", "orders")}).`,
  workbookRefused: (refusal) =>
    `I couldn't read the packing workbook, and nothing changed: ${
      refusal.kind === "other_batch"
        ? `it is of batch ${refusal.workbookBatchNumber}, and the last batch closed is ${refusal.expectedBatchNumber}`
        : DELIVERED_UNREADABLE[refusal.reason]
    }.`,
  priceChanged: (name, fromCents, toCents) =>
    fromCents === toCents
      ? `${name} already costs ${formatReais(toCents)}. Nothing changed.`
      : `✅ Price of ${name}: ${formatReais(fromCents)} → ${formatReais(toCents)}. It holds for the next orders.`,
  priceRefused: (text) => `"${text}" is not a price. Write it like this: _price tomato 8.50_. Nothing changed.`,
  priceTooHigh: (maxCents) => `A price can be at most ${formatReais(maxCents)} per unit. Nothing changed.`,
  orderTooLong: (maxProducts) =>
    `An order can hold at most ${maxProducts} different products, and this one would go over. Nothing changed: take something out, or order it in the next batch.`,
  batchFull: () =>
    "This week's batch is full and takes no more orders, sorry! Send your list again as soon as the next one opens.",
  productNotSold: (name) =>
    `We don't sell "${name}". New products come in only with a spreadsheet: send the catalog spreadsheet with it. Nothing changed.`,
  availabilityChanged: (name, available, customersTold) =>
    available
      ? `✅ ${name} is back in the catalog.`
      : `✅ ${name} marked as sold out.${customersTold > 0 ? ` ${plural(customersTold, "customer", "customers")} told (it is in their order).` : ""}`,
  availabilityUnchanged: (name, available) =>
    available ? `${name} is already available. Nothing changed.` : `${name} is already sold out. Nothing changed.`,
  productSoldOut: (productName, orderNumber) =>
    `⚠️ ${productName} sold out this week. Your order #${orderNumber} still has it, shown as sold out, and it may not come. Want something else instead? Just send it.`,
  unconfirmedLists: (lists) =>
    lists.length === 0
      ? "No list waiting for confirmation."
      : [
          `📝 ${plural(lists.length, "list not confirmed yet", "lists not confirmed yet")}:`,
          ...lists.map((list) => `• ${who(list.name, list.phone)}: ${plural(list.items, "item", "items")}`),
        ].join("\n"),
  sheetLinks: (batchNumber, sheets) =>
    [
      `📄 Sheets of batch ${batchNumber} (fresh links):`,
      ...sheets.map((sheet) => `• ${sheet.providerName ?? "Consolidated"}: ${sheet.url}`),
    ].join("\n"),
  noSheetLinks: (batchNumber) => `Batch ${batchNumber} has no sheets ready. If one failed, send *redo sheets*.`,
  batchNotFound: (batchNumber) => `I couldn't find batch ${batchNumber}.`,
  providerSheet: (businessName, providerName, batchNumber) =>
    `Hello, ${providerName}! Here is ${businessName}'s order for batch ${batchNumber}.`,
  providerDeliveries: (batchNumber, lines) =>
    [
      `📤 Sheets of batch ${batchNumber} to the providers:`,
      ...lines.map((line) => `• ${line.providerName}: ${PROVIDER_OUTCOMES[line.outcome]}`),
    ].join("\n"),
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
  sessionLost: ({ kind, at, backAt }) => {
    const what =
      kind === "logged_out"
        ? "was unlinked on the phone"
        : kind === "refused"
          ? "had its session refused by WhatsApp"
          : "lost its connection";
    if (backAt) {
      return `⚠️ The bot's WhatsApp ${what} ${at} and was back ${backAt}. What the bot had to send meanwhile was kept and sent once it was back.`;
    }
    return kind === "dropped"
      ? `⚠️ The bot's WhatsApp ${what} ${at}. SISCONF reconnects by itself; the /whatsapp page shows how it is going. What the bot has to send is kept until then.`
      : `⚠️ The bot's WhatsApp ${what} ${at}. Open the /whatsapp page and scan the new code with the bot's phone. What the bot has to send is kept until then.`;
  },
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
