/**
 * Builds an element: attributes (on* as listeners), then children (strings become text, never HTML), so nothing a
 * customer typed can run in the page.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "testid") element.dataset.testid = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** "7.50" from the API shown as "R$ 7,50" in either language, as the chat and the sheets write reais. */
export function money(decimal) {
  return new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL" }).format(Number(decimal));
}

export function dateTime(iso, locale) {
  return new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" }).format(new Date(iso));
}

/** A moment in the business's time zone with its weekday: "quinta-feira, 10/12, 18:00". */
export function moment(iso, locale, timeZone) {
  return new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "2-digit",
    month: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(new Date(iso));
}

export function quantity(value, locale) {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value);
}

/** The API's own price rule (parseCents): digits, then at most two decimals after "." or ",". */
export const PRICE = /^\d{1,9}(?:[.,]\d{1,2})?$/;
/** A delivered quantity as the API takes it: zero or more, at most three decimals. */
export const DELIVERED_QUANTITY = /^\d{1,9}(?:[.,]\d{1,3})?$/;
