import { ApiError, api } from "./api.js";
import { currentToken, finishKeycloakLogin, forgetToken, keepToken, startKeycloakLogin } from "./auth.js";
import { DELIVERED_QUANTITY, dateTime, h, moment, money, PRICE, quantity } from "./dom.js";
import { labelsFor } from "./labels.js";
import { checkBanner } from "./whatsapp-banner.js";

/** Polling, not server-sent events: every few seconds the open section is read again while nobody is typing. */
const REFRESH_MS = 5000;
const SECTIONS = ["batch", "orders", "catalog", "batches", "customers", "handoffs"];
/** The order lifecycle of the API (core/domain/lifecycle.ts): the only changes offered. */
const ORDER_TRANSITIONS = {
  received: ["placed", "cancelled"],
  placed: ["on_the_way"],
  on_the_way: ["arrived"],
  arrived: ["delivered"],
  delivered: [],
  cancelled: [],
};
const BATCH_TRANSITIONS = {
  open: [],
  closed: ["on_the_way"],
  on_the_way: ["arrived"],
  arrived: ["delivered"],
  delivered: [],
};

const content = document.getElementById("content");
const nav = document.getElementById("sections");
const notice = document.getElementById("notice");
const logoutButton = document.getElementById("logout");
let settings = { locale: "pt-BR", businessName: "SISCONF", keycloak: null };
let labels = labelsFor("pt-BR");
let locale = "pt-BR";
/** What the orders section filters by, kept across refreshes. */
let search = "";
/** The customer whose conversation the order page shows, kept open across refreshes. */
let transcriptPhone = null;
/** What the customers section filters by, kept across refreshes. */
let customerSearch = "";
/** The most customers the section reads at once (the API's largest page). */
const CUSTOMERS_PAGE = 500;

function say(text, kind = "ok") {
  notice.textContent = text;
  notice.className = text ? kind : "";
}

/** Turns any failure into a sentence; a stale page is told so and read again. */
async function report(error) {
  if (!(error instanceof ApiError)) {
    say(labels.error, "error");
    return;
  }
  if (error.status === 401) {
    forgetToken();
    showLogin(labels.sessionExpired);
  } else if (error.status === 403) {
    forgetToken();
    showLogin(labels.notEntrepreneur);
  } else if (error.status === 0) {
    say(labels.offline, "error");
  } else if (error.status === 409 || error.status === 404) {
    say(`${labels.stale} (${error.message})`, "error");
    await refresh();
  } else if (error.status >= 400 && error.status < 500) {
    say(error.message, "error");
  } else {
    say(labels.error, "error");
  }
}

/** Runs an action from a button: the button waits, the answer is said, the section is read again. */
async function act(button, action) {
  button.disabled = true;
  try {
    const message = await action();
    await refresh();
    if (message) say(message);
  } catch (error) {
    await report(error);
  } finally {
    button.disabled = false;
  }
}

function currentRoute() {
  const [section = "batch", id] = location.hash.replace(/^#/, "").split("/");
  return { section: SECTIONS.includes(section) ? section : "batch", id };
}

function showLogin(message = "") {
  nav.hidden = true;
  logoutButton.hidden = true;
  say(message, "error");
  if (settings.keycloak) {
    const button = h("button", { type: "button", testid: "keycloak-login" }, labels.loginKeycloak);
    button.addEventListener("click", () =>
      startKeycloakLogin(settings.keycloak).catch(() => say(labels.secureContextNeeded, "error")),
    );
    content.replaceChildren(h("section", { class: "card login" }, h("h2", {}, labels.loginTitle), button));
    return;
  }
  const input = h("input", {
    id: "token",
    type: "password",
    autocomplete: "current-password",
    required: true,
    minlength: 16,
    testid: "token-input",
  });
  const form = h(
    "form",
    { class: "card login", testid: "login-form" },
    h("h2", {}, labels.loginTitle),
    h("label", { for: "token" }, labels.tokenLabel),
    input,
    h("p", { class: "hint" }, labels.tokenHint),
    h("button", { type: "submit", testid: "login" }, labels.login),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    keepToken(input.value.trim());
    try {
      await api("GET", "/batches/current");
      say("");
      start();
    } catch (error) {
      forgetToken();
      say(error instanceof ApiError && error.status === 401 ? labels.tokenInvalid : labels.notEntrepreneur, "error");
      if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 403)) await report(error);
    }
  });
  content.replaceChildren(form);
  input.focus();
}

function drawNav() {
  const { section } = currentRoute();
  nav.replaceChildren(
    ...SECTIONS.map((name) =>
      h(
        "a",
        { href: `#${name}`, testid: `nav-${name}`, "aria-current": name === section ? "page" : undefined },
        labels.sections[name],
      ),
    ),
  );
}

let refreshing = false;
/** Reads the open section again and draws it; skipped while someone types in it, so no edit is lost. */
async function refresh({ force = true } = {}) {
  // The banner first: it hides itself once nobody is logged in.
  if (force || !document.hidden) void checkBanner(locale);
  if (!currentToken()) {
    // The session ran out (its token's own expiry): back to the login, not a page that silently stops updating.
    if (!nav.hidden) showLogin(labels.sessionExpired);
    return;
  }
  const active = document.activeElement;
  const typing = active && content.contains(active) && ["INPUT", "TEXTAREA", "SELECT"].includes(active.tagName);
  if (!force && (refreshing || typing || document.hidden)) return;
  refreshing = true;
  try {
    const { section, id } = currentRoute();
    drawNav();
    const view = await VIEWS[section](id);
    content.replaceChildren(view);
    content.setAttribute("aria-busy", "false");
  } catch (error) {
    await report(error);
  } finally {
    refreshing = false;
  }
}

/** A decimal from the API ("7.50", 1.5) written as people here write it: "7,50" in Portuguese. */
function decimalText(value) {
  if (value === null || value === undefined) return "";
  return locale === "en" ? String(value) : String(value).replace(".", ",");
}

/** Whether lowercase search words name a customer: part of its name, or 3 digits or more of its phone. */
function namedBy(words, name, phone) {
  const digits = words.replace(/\D/g, "");
  return (name ?? "").toLowerCase().includes(words) || (digits.length >= 3 && phone.includes(digits));
}

function heading(text) {
  return h("h2", {}, text);
}

function orderStatusText(status) {
  return labels.orderStatus[status] ?? status;
}

/* ── Open batch ─────────────────────────────────────────────────────────────────────────────────────────── */
async function batchView() {
  const batch = await api("GET", "/batches/current");
  const [{ orders }, { lists }, scheduled] = await Promise.all([
    api("GET", `/orders?batch=${batch.id}`),
    api("GET", "/batches/current/unconfirmed"),
    api("GET", "/batches/current/close-schedule"),
  ]);
  const close = h("button", { type: "button", class: "danger", testid: "close-batch" }, labels.closeBatch);
  close.addEventListener("click", () => {
    if (!confirm(labels.confirmClose(batch.number))) return;
    void act(close, async () => {
      // The page may show a batch the chat already closed: closing "current" then would close the next one.
      const now = await api("GET", "/batches/current");
      if (now.id !== batch.id) return labels.staleBatch(batch.number);
      const closed = await api("POST", "/batches/current/close");
      return labels.closed(closed.batch.number, closed.nextBatch?.number ?? closed.batch.number + 1);
    });
  });
  return h(
    "section",
    { testid: "open-batch", "data-batch": batch.id },
    heading(labels.batch(batch.number)),
    h(
      "dl",
      { class: "figures" },
      h("div", {}, h("dt", {}, labels.ordersCount), h("dd", { testid: "batch-orders" }, batch.counts.orders)),
      h("div", {}, h("dt", {}, labels.itemsCount), h("dd", {}, batch.counts.items)),
      h("div", {}, h("dt", {}, labels.total), h("dd", { testid: "batch-total" }, money(batch.total))),
    ),
    h("p", { class: "hint" }, `${labels.openedAt} ${dateTime(batch.openedAt, locale)} · ${labels.updatedLive}`),
    scheduledClose(scheduled),
    batch.providers.length > 0
      ? h(
          "div",
          { class: "card" },
          h("h3", {}, labels.byProvider),
          h(
            "ul",
            { class: "rows" },
            batch.providers.map((provider) =>
              h("li", {}, h("span", {}, provider.name), h("span", { class: "amount" }, money(provider.total))),
            ),
          ),
        )
      : null,
    orderList(orders),
    unconfirmedLists(lists),
    h("p", {}, close),
  );
}

/** When the batch closes on its own and when the reminder goes, in the business's time zone; or that it does not. */
function scheduledClose(scheduled) {
  if (!scheduled.nextCloseAt) return h("p", { class: "schedule", testid: "scheduled-close" }, labels.manualClose);
  // A reminder already gone (inside the last hours before the close) is not announced again.
  const remind = scheduled.reminderAt !== null && Date.parse(scheduled.reminderAt) > Date.now();
  return h(
    "p",
    { class: "schedule", testid: "scheduled-close" },
    labels.closesAt(moment(scheduled.nextCloseAt, locale, scheduled.timeZone)),
    remind ? [h("br", {}), labels.remindsAt(moment(scheduled.reminderAt, locale, scheduled.timeZone))] : null,
  );
}

/** The customers whose list waits for their "sim": not in the batch until they answer. */
function unconfirmedLists(lists) {
  return h(
    "div",
    { class: "card", testid: "unconfirmed-lists" },
    h("h3", {}, labels.unconfirmedTitle(lists.length)),
    lists.length === 0
      ? h("p", { class: "hint" }, labels.noUnconfirmed)
      : [
          h("p", { class: "hint" }, labels.unconfirmedHint),
          h(
            "ul",
            { class: "rows" },
            lists.map((list) =>
              h(
                "li",
                { testid: "unconfirmed-row" },
                h(
                  "span",
                  {},
                  list.name ?? list.phone,
                  list.name ? h("span", { class: "muted" }, ` · ${list.phone}`) : null,
                ),
                h("span", { class: "muted" }, labels.itemsOf(list.items)),
              ),
            ),
          ),
        ],
  );
}

function orderList(orders) {
  if (orders.length === 0) return h("p", { class: "hint" }, labels.noOrders);
  return h(
    "ul",
    { class: "rows orders", testid: "order-list" },
    orders.map((order) =>
      h(
        "li",
        { testid: "order-row", "data-number": order.number },
        h(
          "a",
          { href: `#orders/${order.id}` },
          h("strong", {}, `#${order.number} `),
          order.customerName ?? order.phone,
          h(
            "span",
            { class: "muted" },
            ` · ${labels.batch(order.batchNumber)} · ${orderStatusText(order.status)}`,
            order.payment.status === "paid" ? ` · ${labels.paid}` : "",
          ),
        ),
        h("span", { class: "amount" }, money(order.finalTotal ?? order.total)),
      ),
    ),
  );
}

/* ── Orders ─────────────────────────────────────────────────────────────────────────────────────────────── */
async function ordersView(id) {
  if (id) return orderView(Number(id));
  const { orders } = await api("GET", "/orders");
  const list = h("div", {});
  const draw = () => {
    const words = search.trim().toLowerCase().replace(/^#/, "");
    const shown = words
      ? orders.filter((order) => namedBy(words, order.customerName, order.phone) || String(order.number) === words)
      : orders;
    list.replaceChildren(orderList([...shown].reverse()));
  };
  const input = h("input", { id: "search", type: "search", value: search, testid: "order-search" });
  input.addEventListener("input", () => {
    search = input.value;
    draw();
  });
  draw();
  return h("section", {}, heading(labels.sections.orders), h("label", { for: "search" }, labels.search), input, list);
}

async function orderView(id) {
  const order = await api("GET", `/orders/${id}`);
  const inputs = new Map();
  const rows = order.items.map((item) => {
    const input = h("input", {
      type: "text",
      inputmode: "decimal",
      value: decimalText(item.deliveredQuantity),
      placeholder: decimalText(item.quantity),
      "aria-label": `${labels.delivered}: ${item.name}`,
      testid: `delivered-${item.sku}`,
      size: 6,
    });
    inputs.set(item.sku, input);
    return h(
      "tr",
      {},
      h("td", {}, item.name),
      h("td", {}, `${quantity(item.quantity, locale)} ${item.unit}`),
      h("td", {}, input),
      h("td", { class: "amount" }, money(item.total)),
    );
  });
  const save = h("button", { type: "submit", testid: "save-delivered" }, labels.saveDelivered);
  const form = h(
    "form",
    { class: "card", novalidate: true },
    h(
      "table",
      {},
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          [labels.product, labels.ordered, labels.delivered, labels.lineTotal].map((text) =>
            h("th", { scope: "col" }, text),
          ),
        ),
      ),
      h("tbody", {}, rows),
    ),
    save,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const items = [];
    for (const [sku, input] of inputs) {
      const text = input.value.trim();
      if (text === "") continue;
      if (!DELIVERED_QUANTITY.test(text)) {
        say(labels.quantityInvalid, "error");
        input.focus();
        return;
      }
      items.push({ sku, quantity: text.replace(",", ".") });
    }
    if (items.length === 0) {
      say(labels.quantityInvalid, "error");
      return;
    }
    void act(save, async () => {
      await api("PUT", `/orders/${order.id}/delivered`, { items });
      return labels.deliveredSaved;
    });
  });

  const paid = order.payment.status === "paid";
  const markPaid = h("button", { type: "button", testid: "mark-paid" }, labels.markPaid);
  markPaid.addEventListener("click", () =>
    act(markPaid, async () => {
      await api("POST", `/orders/${order.id}/payment`, { status: "paid" });
      return labels.paidSaved(order.number);
    }),
  );

  const next = ORDER_TRANSITIONS[order.status] ?? [];
  const statusSelect = h(
    "select",
    { id: "order-status", testid: "order-status" },
    next.map((status) => h("option", { value: status }, orderStatusText(status))),
  );
  const statusButton = h("button", { type: "button", testid: "change-status" }, labels.save);
  statusButton.addEventListener("click", () =>
    act(statusButton, async () => {
      await api("PATCH", `/orders/${order.id}`, { status: statusSelect.value });
      return labels.statusSaved;
    }),
  );

  const transcript = h("div", { testid: "transcript" });
  if (transcriptPhone === order.phone) {
    const { messages } = await api("GET", `/customers/${order.phone}/transcript`);
    transcript.append(
      h("h3", {}, labels.transcript),
      messages.length === 0
        ? h("p", { class: "hint" }, labels.noMessages)
        : h(
            "ol",
            { class: "chat" },
            messages.map((message) =>
              h(
                "li",
                { class: message.direction, testid: "transcript-message" },
                h("span", { class: "text" }, message.text),
                h("time", { datetime: message.at }, dateTime(message.at, locale)),
              ),
            ),
          ),
    );
  }
  const showTranscript = h(
    "button",
    { type: "button", class: "secondary", testid: "show-transcript" },
    labels.showTranscript,
  );
  showTranscript.addEventListener("click", () => {
    transcriptPhone = order.phone;
    void refresh();
  });

  return h(
    "section",
    { testid: "order-detail" },
    h("p", {}, h("a", { href: "#orders" }, `← ${labels.back}`)),
    heading(labels.order(order.number)),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, labels.customer),
      h("dd", {}, order.customerName ?? "—"),
      h("dt", {}, labels.phone),
      h("dd", {}, order.phone),
      h("dt", {}, labels.status),
      h("dd", { testid: "order-status-text" }, orderStatusText(order.status)),
      h("dt", {}, labels.delivery),
      h(
        "dd",
        {},
        order.delivery.kind === "pickup" ? labels.pickup : (order.delivery.address ?? labels.delivery),
        Number(order.delivery.fee) > 0 ? ` · ${labels.deliveryFee} ${money(order.delivery.fee)}` : "",
      ),
      h("dt", {}, labels.total),
      h("dd", {}, money(order.total)),
      h("dt", {}, labels.finalTotal),
      h("dd", { testid: "final-total" }, order.finalTotal === null ? labels.notYet : money(order.finalTotal)),
      h("dt", {}, labels.payment),
      h("dd", { testid: "payment-status" }, paid ? labels.paid : labels.pending),
    ),
    form,
    h(
      "div",
      { class: "actions" },
      paid ? null : markPaid,
      next.length > 0
        ? h(
            "span",
            { class: "inline" },
            h("label", { for: "order-status" }, labels.changeStatus),
            statusSelect,
            statusButton,
          )
        : null,
      transcriptPhone === order.phone ? null : showTranscript,
    ),
    transcript,
  );
}

/* ── Catalog ────────────────────────────────────────────────────────────────────────────────────────────── */
async function catalogView() {
  const { products } = await api("GET", "/catalog");
  const byCategory = new Map();
  for (const product of products) {
    const category = product.category ?? labels.noCategory;
    byCategory.set(category, [...(byCategory.get(category) ?? []), product]);
  }
  return h(
    "section",
    {},
    heading(labels.sections.catalog),
    [...byCategory].map(([category, inCategory]) =>
      h("div", { class: "card" }, h("h3", {}, category), h("ul", { class: "products" }, inCategory.map(productRow))),
    ),
    importForm(),
  );
}

function productRow(product) {
  const field = (name, label, value) =>
    h(
      "label",
      { class: "field" },
      h("span", {}, label),
      h("input", {
        name,
        type: "text",
        inputmode: "decimal",
        value: value ?? "",
        testid: `${name}-${product.sku}`,
        size: 7,
      }),
    );
  const available = h("input", {
    type: "checkbox",
    name: "available",
    checked: product.available,
    testid: `available-${product.sku}`,
  });
  const save = h("button", { type: "submit", testid: `save-${product.sku}` }, labels.save);
  const form = h(
    "form",
    { class: "product", novalidate: true, "aria-label": product.name },
    h("span", { class: "name" }, product.name, h("span", { class: "muted" }, ` / ${product.unit}`)),
    field("price", labels.price, decimalText(product.price)),
    field("cost", labels.cost, decimalText(product.cost)),
    h("label", { class: "check" }, available, labels.available),
    save,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const price = form.elements.price.value.trim();
    const cost = form.elements.cost.value.trim();
    if (!PRICE.test(price) || (cost !== "" && !PRICE.test(cost))) {
      say(labels.priceInvalid, "error");
      return;
    }
    void act(save, async () => {
      await api("PATCH", "/catalog", {
        providers: [{ key: product.provider }],
        products: [
          {
            sku: product.sku,
            name: product.name,
            unit: product.unit,
            provider: product.provider,
            price,
            cost: cost === "" ? null : cost,
            available: available.checked,
          },
        ],
      });
      return labels.productSaved(product.name);
    });
  });
  return h("li", {}, form);
}

function importForm() {
  const file = h("input", {
    id: "catalog-file",
    type: "file",
    accept: ".json,application/json",
    testid: "catalog-file",
  });
  const replace = h("input", { id: "replace-all", type: "checkbox" });
  const submit = h("button", { type: "submit", testid: "import-catalog" }, labels.importButton);
  const form = h(
    "form",
    { class: "card" },
    h("h3", {}, labels.importTitle),
    h("label", { for: "catalog-file" }, labels.importFile),
    file,
    h("label", { class: "check", for: "replace-all" }, replace, labels.replaceAll),
    submit,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      say(labels.chooseFile, "error");
      return;
    }
    let catalog;
    try {
      catalog = JSON.parse(await chosen.text());
    } catch {
      say(labels.notJson, "error");
      return;
    }
    void act(submit, async () => {
      const result = await api(replace.checked ? "PUT" : "PATCH", "/catalog", catalog);
      return labels.imported(result.products);
    });
  });
  return form;
}

/* ── Batches ────────────────────────────────────────────────────────────────────────────────────────────── */
async function batchesView() {
  const { batches } = await api("GET", "/batches");
  return h(
    "section",
    {},
    heading(labels.sections.batches),
    [...batches].reverse().map((batch) => {
      const next = BATCH_TRANSITIONS[batch.status] ?? [];
      const move = next.map((status) => {
        const button = h(
          "button",
          { type: "button", class: "secondary", testid: `batch-${batch.number}-${status}` },
          `${labels.changeStatus}: ${labels.batchStatus[status]}`,
        );
        button.addEventListener("click", () =>
          act(button, async () => {
            await api("PATCH", `/batches/${batch.id}`, { status });
            return labels.statusSaved;
          }),
        );
        return button;
      });
      const failed = batch.sheets.some((sheet) => sheet.status === "failed");
      const providerNames = new Map(batch.providers.map((provider) => [provider.provider, provider.name]));
      const sheetName = (sheet) =>
        sheet.provider ? (providerNames.get(sheet.provider) ?? sheet.provider) : labels.consolidatedSheet;
      const retry = h("button", { type: "button", class: "secondary" }, labels.retrySheets);
      retry.addEventListener("click", () =>
        act(retry, async () => {
          await api("POST", `/batches/${batch.id}/sheets/retry`);
          return labels.retried;
        }),
      );
      return h(
        "article",
        { class: "card", testid: "batch-card", "data-number": batch.number },
        h("h3", {}, `${labels.batch(batch.number)} · ${labels.batchStatus[batch.status] ?? batch.status}`),
        h(
          "p",
          { class: "hint" },
          `${labels.openedAt} ${dateTime(batch.openedAt, locale)}`,
          batch.closedAt ? ` · ${labels.closedAt} ${dateTime(batch.closedAt, locale)}` : "",
          ` · ${labels.ordersCount}: ${batch.counts.orders} · ${money(batch.total)}`,
        ),
        batch.sheets.length > 0
          ? h(
              "ul",
              { class: "rows", "aria-label": labels.sheets },
              batch.sheets.map((sheet) =>
                h(
                  "li",
                  {},
                  sheet.url && /^https?:\/\//.test(sheet.url)
                    ? h("a", { href: sheet.url, testid: "sheet-link", download: "" }, sheetName(sheet))
                    : h("span", {}, sheetName(sheet)),
                  h(
                    "span",
                    { class: "muted" },
                    sheet.status === "failed" ? labels.sheetFailed : sheet.url ? "" : labels.sheetPending,
                  ),
                ),
              ),
            )
          : null,
        h("div", { class: "actions" }, move, failed ? retry : null),
      );
    }),
  );
}

/* ── Customers and who owes ──────────────────────────────────────────────────────────────────────────── */
async function customersView() {
  const [due, page] = await Promise.all([
    api("GET", "/payments/due"),
    api("GET", `/customers?limit=${CUSTOMERS_PAGE}`),
  ]);
  return h(
    "section",
    {},
    heading(labels.sections.customers),
    h("div", { class: "card" }, h("h3", {}, labels.whoOwes), owedList(due)),
    customerList(page),
  );
}

/** The delivered orders not paid, each with its "marcar pago". */
function owedList(due) {
  return [
    h("p", { class: "figures-line" }, `${labels.owed}: `, h("strong", { testid: "total-due" }, money(due.total))),
    due.orders.length === 0
      ? h("p", { class: "hint" }, labels.nobodyOwes)
      : h(
          "ul",
          { class: "rows", testid: "owed-list" },
          due.orders.map((order) => {
            const button = h("button", { type: "button", class: "secondary" }, labels.markPaid);
            button.addEventListener("click", () =>
              act(button, async () => {
                await api("POST", `/orders/${order.id}/payment`, { status: "paid" });
                return labels.paidSaved(order.number);
              }),
            );
            return h(
              "li",
              { testid: "owed-row" },
              h(
                "span",
                {},
                h("a", { href: `#orders/${order.id}` }, `#${order.number} ${order.customerName ?? order.phone}`),
                h("br", {}),
                h(
                  "span",
                  { class: "muted" },
                  labels.daysSince(order.daysSinceDelivery),
                  order.finalTotalKnown ? "" : ` ${labels.estimated}`,
                ),
              ),
              h("span", { class: "amount" }, money(order.amountDue), " ", button),
            );
          }),
        ),
  ];
}

/** Every customer: where its orders go, whether it said "parar", what it owes; filtered as one types. */
function customerList(page) {
  const list = h("div", {});
  const draw = () => {
    const words = customerSearch.trim().toLowerCase();
    const shown = words
      ? page.customers.filter((customer) => namedBy(words, customer.name, customer.phone))
      : page.customers;
    list.replaceChildren(
      shown.length === 0
        ? h("p", { class: "hint" }, labels.noCustomers)
        : h("ul", { class: "rows customers", testid: "customer-list" }, shown.map(customerRow)),
    );
  };
  const input = h("input", { id: "customer-search", type: "search", value: customerSearch, testid: "customer-search" });
  input.addEventListener("input", () => {
    customerSearch = input.value;
    draw();
  });
  draw();
  return h(
    "div",
    { class: "card" },
    h("h3", {}, labels.allCustomers(page.total)),
    h("label", { for: "customer-search" }, labels.searchCustomers),
    input,
    list,
    page.total > page.customers.length
      ? h("p", { class: "hint" }, labels.moreCustomers(page.customers.length, page.total))
      : null,
  );
}

function deliveryText(delivery) {
  if (!delivery) return labels.noAddress;
  if (delivery.kind === "pickup") return labels.pickup;
  const { street, number, neighbourhood, reference } = delivery.address;
  const fee = Number(delivery.fee) > 0 ? ` · ${labels.deliveryFee} ${money(delivery.fee)}` : "";
  return `${street}, ${number}, ${neighbourhood}${reference ? ` (${reference})` : ""}${fee}`;
}

function customerRow(customer) {
  const owes = Number(customer.amountDue) > 0;
  return h(
    "li",
    { testid: "customer-row", "data-phone": customer.phone },
    h(
      "span",
      {},
      h("strong", {}, customer.name ?? customer.phone),
      customer.name ? h("span", { class: "muted" }, ` · ${customer.phone}`) : null,
      h("br", {}),
      h("span", { class: "muted", testid: "customer-delivery" }, deliveryText(customer.delivery)),
      customer.announcementsStoppedAt
        ? [h("br", {}), h("span", { class: "tag", testid: "customer-stopped" }, labels.stoppedAnnouncements)]
        : null,
    ),
    h(
      "span",
      { class: owes ? "amount owes" : "amount muted", testid: "customer-owes" },
      owes
        ? [
            labels.owes(money(customer.amountDue)),
            h("br", {}),
            h("small", {}, labels.unpaidOrders(customer.unpaidOrders)),
          ]
        : money(customer.amountDue),
    ),
  );
}

/* ── Handoffs ───────────────────────────────────────────────────────────────────────────────────────────── */
async function handoffsView() {
  const [open, answered] = await Promise.all([
    api("GET", "/handoffs?status=open"),
    api("GET", "/handoffs?status=answered"),
  ]);
  return h(
    "section",
    {},
    heading(labels.openQuestions),
    open.handoffs.length === 0 ? h("p", { class: "hint" }, labels.noQuestions) : open.handoffs.map(handoffForm),
    answered.handoffs.length > 0
      ? h(
          "details",
          { class: "card" },
          h("summary", {}, `${labels.answeredQuestions} (${answered.handoffs.length})`),
          h(
            "ul",
            { class: "rows" },
            answered.handoffs
              .slice(-30)
              .reverse()
              .map((handoff) =>
                h(
                  "li",
                  {},
                  h(
                    "span",
                    {},
                    `#${handoff.number} ${handoff.name ?? handoff.phone}: ${handoff.text}`,
                    h("br", {}),
                    h("span", { class: "muted" }, `${labels.answer}: ${handoff.answer ?? ""}`),
                  ),
                ),
              ),
          ),
        )
      : null,
  );
}

function handoffForm(handoff) {
  const id = `answer-${handoff.number}`;
  const text = h("textarea", { id, rows: 3, maxlength: 4096, testid: id });
  const send = h("button", { type: "submit", testid: `send-${handoff.number}` }, labels.send);
  const form = h(
    "form",
    { class: "card", novalidate: true, testid: "handoff" },
    h("h3", {}, `${labels.question(handoff.number)} · ${handoff.name ?? handoff.phone}`),
    h("blockquote", {}, handoff.text),
    h("p", { class: "hint" }, dateTime(handoff.askedAt, locale)),
    h("label", { for: id }, labels.yourAnswer),
    text,
    send,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const answer = text.value.trim();
    if (answer === "") return say(labels.answerEmpty, "error");
    if (answer.length > 4096) return say(labels.answerTooLong, "error");
    void act(send, async () => {
      await api("POST", `/handoffs/${handoff.number}/answer`, { text: answer });
      return labels.answered(handoff.number);
    });
  });
  return form;
}

const VIEWS = {
  batch: batchView,
  orders: ordersView,
  catalog: catalogView,
  batches: batchesView,
  customers: customersView,
  handoffs: handoffsView,
};

let timer = null;
function start() {
  nav.hidden = false;
  logoutButton.hidden = false;
  void refresh();
  if (timer === null) timer = setInterval(() => void refresh({ force: false }), REFRESH_MS);
}

async function boot() {
  try {
    const response = await fetch("settings.json", { credentials: "omit" });
    if (response.ok) settings = await response.json();
  } catch {
    // The defaults serve: the page still logs in with the API token.
  }
  locale = settings.locale === "en" ? "en" : "pt-BR";
  labels = labelsFor(locale);
  document.documentElement.lang = locale;
  document.title = `${labels.dashboard} · ${settings.businessName}`;
  document.getElementById("business-name").textContent = settings.businessName;
  nav.setAttribute("aria-label", labels.dashboard);
  logoutButton.textContent = labels.logout;
  logoutButton.addEventListener("click", () => {
    forgetToken();
    showLogin();
  });
  window.addEventListener("hashchange", () => {
    say("");
    void refresh();
  });
  let loginProblem = "";
  if (settings.keycloak) {
    // A refused or unreachable token endpoint (its CORS, a reused code) is said, not left as a silent login page.
    await finishKeycloakLogin(settings.keycloak).catch(() => {
      loginProblem = labels.keycloakFailed;
    });
  }
  if (currentToken()) start();
  else showLogin(loginProblem);
}

void boot();
