import { splitMessage, WHATSAPP_TEXT_LIMIT } from "../../../core/domain/whatsapp-text.ts";
import type { CatalogSection } from "../messages/messages.ts";
import type { IntentHandler, Turn } from "../turn.ts";

/** PRODUCT.md: the catalog answer is at most 5 messages; the rest comes on "mais". */
export const CATALOG_MESSAGES_PER_ANSWER = 5;
/** Room left in the last message of an answer for the line that offers the rest. */
const OFFER_ROOM = 200;

/** "catálogo": the catalog by category with prices, a few messages at a time. */
export const showCatalog: IntentHandler = async (turn) => catalogPage(turn, 0);

/** The catalog's messages from `start`, at most CATALOG_MESSAGES_PER_ANSWER; remembers where the rest begins. */
export function catalogPage(turn: Turn, start: number): string[] {
  const { input, messages } = turn;
  const { catalog, conversation } = input;
  if (catalog.products.length === 0) {
    delete conversation.catalogNext;
    return [messages.catalogEmpty()];
  }
  const sections = new Map<string, CatalogSection>();
  for (const product of catalog.products) {
    const category = product.category ?? "—";
    const section = sections.get(category) ?? { category, products: [] };
    section.products.push({ name: product.name, unit: product.unit, priceCents: product.priceCents });
    sections.set(category, section);
  }
  const parts = splitMessage(messages.catalog([...sections.values()]), WHATSAPP_TEXT_LIMIT - OFFER_ROOM);
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
