import { exceedsTextLimit, splitMessage, WHATSAPP_TEXT_LIMIT } from "../../../core/domain/whatsapp-text.ts";
import type { CatalogSnapshot } from "../catalog-cache.ts";
import type { Locale } from "../locale.ts";
import type { CatalogSection } from "../messages/messages.ts";
import type { IntentHandler, Turn } from "../turn.ts";

/** PRODUCT.md: the catalog answer is at most 5 messages; the rest comes on "mais". */
export const CATALOG_MESSAGES_PER_ANSWER = 5;
/** Room left in the last message of an answer for the line that offers the rest. */
const OFFER_ROOM = 200;

/** Where the public price list is served (core/http/price-list-router.ts), in each language's word. */
const PRICE_LIST_PATH: Record<Locale, string> = { "pt-BR": "/catalogo", en: "/catalog" };

/**
 * "catálogo": a catalog that fits in one message is told whole, with prices and the link to the price list
 * (PUBLIC_URL). A longer one, where PUBLIC_URL was set (so the link opens on a customer's phone), is told as its
 * categories in brief and the link, since the page holds any number of products; on the localhost default, by
 * category with prices a few messages at a time, the link below the first ones.
 */
export const showCatalog: IntentHandler = async (turn) => {
  const { publicUrl, priceListInBrief, catalog, conversation } = turn.input;
  const locale = conversation.locale ?? turn.input.defaultLocale;
  const url = `${publicUrl}${PRICE_LIST_PATH[locale]}`;
  const link = turn.messages.priceListLink(url);
  const whole = `${turn.messages.catalog(catalogSections(catalog.products))}\n\n${link}`;
  if (catalog.products.length > 0 && !exceedsTextLimit(whole)) {
    delete conversation.catalogNext;
    return [whole];
  }
  if (!priceListInBrief) {
    const page = catalogPage(turn, 0);
    return conversation.catalogNext === undefined ? page : [...page.slice(0, -1), `${page.at(-1)}\n\n${link}`];
  }
  delete conversation.catalogNext;
  // Counted as the price list shows them: the products available today.
  const available = catalog.products.filter((product) => product.available);
  if (available.length === 0) return [turn.messages.catalogEmpty()];
  const counts = new Map<string, number>();
  for (const product of available) {
    if (product.category) counts.set(product.category, (counts.get(product.category) ?? 0) + 1);
  }
  return [
    turn.messages.catalogLink(
      [...counts].map(([category, products]) => ({ category, products })),
      url,
    ),
  ];
};

/** The catalog's categories, in catalog order. */
export function categoriesOf(catalog: CatalogSnapshot): string[] {
  return [...new Set(catalog.products.flatMap((product) => (product.category ? [product.category] : [])))];
}

/** The category a message names alone ("Frutas", typed or chosen from the catalog's list), if any. */
export function categoryNamed(catalog: CatalogSnapshot, text: string): string | undefined {
  const wanted = text.toLocaleLowerCase("pt-BR").replace(/[.!?]+$/, "");
  return categoriesOf(catalog).find((category) => category.toLocaleLowerCase("pt-BR") === wanted);
}

/** One category's products with their prices. */
export function categoryPage(turn: Turn, category: string): string[] {
  const products = turn.input.catalog.products
    .filter((product) => product.category === category)
    .map((product) => ({ name: product.name, unit: product.unit, priceCents: product.priceCents }));
  return splitMessage(turn.messages.catalog([{ category, products }]));
}

/** The catalog's messages from `start`, at most CATALOG_MESSAGES_PER_ANSWER; remembers where the rest begins. */
export function catalogPage(turn: Turn, start: number): string[] {
  const { input, messages } = turn;
  const { catalog, conversation } = input;
  if (catalog.products.length === 0) {
    delete conversation.catalogNext;
    return [messages.catalogEmpty()];
  }
  const parts = splitMessage(messages.catalog(catalogSections(catalog.products)), WHATSAPP_TEXT_LIMIT - OFFER_ROOM);
  const page = parts.slice(start, start + CATALOG_MESSAGES_PER_ANSWER);
  const next = start + CATALOG_MESSAGES_PER_ANSWER;
  if (next < parts.length && page.length > 0) {
    page[page.length - 1] = `${page[page.length - 1]}\n\n${messages.catalogMore()}`;
    conversation.catalogNext = next;
  } else {
    delete conversation.catalogNext;
  }
  return page.length > 0 ? page : [messages.catalogEnd()];
}

/** Products by category, in catalog order, with their prices. */
function catalogSections(products: CatalogSnapshot["products"]): CatalogSection[] {
  const sections = new Map<string, CatalogSection>();
  for (const product of products) {
    const category = product.category ?? "—";
    const section = sections.get(category) ?? { category, products: [] };
    section.products.push({ name: product.name, unit: product.unit, priceCents: product.priceCents });
    sections.set(category, section);
  }
  return [...sections.values()];
}
