import { MAX_QUANTITY_MILLI } from "../../core/domain/quantity.ts";
import { MEASURED_UNITS } from "../../core/domain/units.ts";
import type { CompiledCatalog } from "./compile-catalog.ts";
import { completeEllipticKinds } from "./complete-elliptic-kinds.ts";
import { convertQuantity } from "./convert-quantity.ts";
import { classifySmallTalk, detectAdminCommand, smallTalkIntent } from "./detect-command.ts";
import { detectLanguage } from "./detect-language.ts";
import { asksBesidesGoods, looksLikeQuestion } from "./detect-question.ts";
import { detectAnswer, detectRequest, requestIsEnglish } from "./detect-request.ts";
import { type NormalizedText, normalizeText } from "./normalize-text.ts";
import { readQuantities, type WrittenQuantity } from "./read-quantities.ts";
import { type FuzzyBudget, type Mention, readSegment, type SegmentMode, type SegmentReading } from "./read-segment.ts";
import { READER_WORDS } from "./reader-words.ts";
import { splitSegments } from "./split-segments.ts";
import { suggestProducts } from "./suggest-products.ts";
import { tokenize } from "./tokenize.ts";
import type { Understanding, UnderstoodItem } from "./understanding.ts";
import type { WrittenUnit } from "./unit-words.ts";
import { KNOWN_GOODS, phraseTalkCategories, Talk, talkCategories } from "./word-lists.ts";

export { type CompiledCatalog, compileCatalog } from "./compile-catalog.ts";
export { type ParseResponse, toParseResponse } from "./to-parse-response.ts";
export type { Intent, QuantityRefusal, StatusWord, Understanding, UnderstoodItem } from "./understanding.ts";

/** Admin commands are a handful of words; longer messages skip the command patterns. */
const MAX_COMMAND_TOKENS = 16;
/** Typo-tolerant lookups per message: plenty for a real order, a cap for pasted junk. */
const FUZZY_BUDGET = 64;
/** Unknown fragments and refused quantities reported per message: a reply naming more would be unreadable anyway. */
const MAX_UNKNOWN = 20;
const MAX_PROBLEMS = 20;
const AVAILABILITY_WORDS = READER_WORDS.questions.availability;
const FORMATTING_MARKS = /[*_~`]+/g;

/** The customer's own words for a span of the normalized text, without WhatsApp formatting marks. */
function originalText(normalized: NormalizedText, text: string, start: number, end: number): string {
  const from = normalized.sourceIndex[start] ?? 0;
  const to = (normalized.sourceIndex[end - 1] ?? from) + 1;
  return text.slice(from, to).replace(FORMATTING_MARKS, "").trim();
}

/**
 * Reads one message against the catalog: what the customer wants (intent), the items with quantities in each
 * product's unit, and what could not be read (unknown products, quantities to ask about, refused quantities).
 * Pure and deterministic: the same text and catalog always give the same answer.
 */
export function understandMessage(text: string, catalog: CompiledCatalog): Understanding {
  const normalized = normalizeText(text);
  const tokens = tokenize(normalized.text);
  const words: string[] = [];
  let hasNumber = false;
  for (const token of tokens) {
    if (token.kind === "word") words.push(token.text);
    else if (token.kind === "number") hasNumber = true;
  }
  const { language, evident: languageEvident } = detectLanguage(words);
  const understanding: Understanding = {
    intent: "other",
    items: [],
    unknown: [],
    clarify: [],
    problems: [],
    suggestions: noSuggestions(),
    language,
    languageEvident,
  };
  if (words.length === 0 && !hasNumber) return understanding;

  const answer = detectAnswer(text);
  if (answer) return { ...understanding, intent: "answer_question", answer };
  if (tokens.length <= MAX_COMMAND_TOKENS) {
    const canonical = tokens
      .filter((token) => token.kind !== "break")
      .map((token) => (token.kind === "number" ? token.text.replace(/^0+(?=\d)/, "") : token.text))
      .join(" ");
    const command = detectAdminCommand(canonical);
    if (command) return { ...understanding, ...command };
    const request = detectRequest(canonical);
    if (request) {
      const english = requestIsEnglish(canonical);
      const replyLanguage = english ? "en" : understanding.language;
      return { ...understanding, ...request, language: replyLanguage, languageEvident: languageEvident || english };
    }
  }
  if (!hasNumber) {
    const talk = classifySmallTalk(words);
    if (talk) return { ...understanding, ...talk };
  }

  const pieces = readQuantities(tokens, language === "en");
  const segments = splitSegments(pieces, catalog);
  const budget: FuzzyBudget = { remaining: FUZZY_BUDGET };

  const orderItems: UnderstoodItem[] = [];
  const removeItems: UnderstoodItem[] = [];
  const takeOffItems: UnderstoodItem[] = [];
  /** Unknown fragments that name goods ("abacate" in "tem abacate?"), for a question about a product. */
  let unknownGoods = false;
  const clarify: string[] = [];
  const problems: Understanding["problems"] = [];
  const unknown: { text: string; suggestions: string[]; remove: boolean; asksForGoods: boolean }[] = [];
  let previousMode: Exclude<SegmentMode, null> = "order";
  let previousUnit: WrittenUnit | null = null;

  const addUnknown = (fragment: string, suggestions: string[], remove: boolean, asksForGoods: boolean): void => {
    if (fragment.length === 0 || unknown.length >= MAX_UNKNOWN) return;
    if (unknown.some((entry) => entry.text === fragment)) return;
    unknown.push({ text: fragment, suggestions, remove, asksForGoods });
  };

  const readings = segments.map((segment) => readSegment(segment, catalog, budget, language === "en"));
  const explicitNumber = readings.some((reading) => reading.quantities.some((quantity) => quantity.explicitNumber));
  attachLooseAmounts(readings);
  completeEllipticKinds(readings, catalog);

  for (const reading of readings) {
    const hasAmount = reading.quantities.length > 0;
    const mode: Exclude<SegmentMode, null> = reading.mode ?? (hasAmount ? "order" : previousMode);
    const segmentText = (): string => originalText(normalized, text, reading.start, reading.end);

    for (const mention of reading.mentions) {
      if (mention.target.kind === "ambiguous") {
        const fragment = originalText(normalized, text, mention.start, mention.end);
        addUnknown(fragment, mention.target.skus.slice(0, 3), mode === "remove", true);
        continue;
      }
      const product = catalog.products.get(mention.target.sku);
      if (!product) continue;
      // "tira 1kg de batata" takes 1kg off; "tira a batata" takes the line away.
      const takesOff = mode === "take_off" || (mode === "remove" && mention.quantities.some(isAmount));
      if (mode === "remove" && !takesOff) {
        if (!removeItems.some((item) => item.sku === product.sku)) {
          removeItems.push({ sku: product.sku, quantityMilli: 0, unit: product.unit, change: "remove" });
        }
        continue;
      }
      let quantities: readonly WrittenQuantity[] = mention.quantities;
      const only = quantities[0];
      // "dois quilos de manga e três de laranja": the bare "três de" borrows the unit of the item before.
      if (
        quantities.length === 1 &&
        only &&
        only.unit === null &&
        only.followedByOf &&
        previousUnit &&
        MEASURED_UNITS.has(product.unit)
      ) {
        quantities = [{ ...only, unit: previousUnit }];
      }
      const converted = convertQuantity(quantities, product.unit, mode === "replace");
      const change = takesOff ? "take_off" : mode === "add" ? "add" : undefined;
      const item: UnderstoodItem = { sku: product.sku, quantityMilli: 0, unit: product.unit };
      if (change) item.change = change;
      if (converted.kind === "clarify") {
        if (!clarify.includes(product.sku)) clarify.push(product.sku);
      } else if (converted.kind === "problem") {
        if (problems.length < MAX_PROBLEMS)
          problems.push({ text: segmentText(), sku: product.sku, reason: converted.reason });
      } else if (converted.kind === "money") {
        const list = takesOff ? takeOffItems : orderItems;
        const others = list.filter((other) => other.sku !== product.sku);
        list.splice(0, list.length, ...others, { ...item, amountCents: converted.cents, replace: mode === "replace" });
      } else {
        addItem(
          takesOff ? takeOffItems : orderItems,
          { ...item, quantityMilli: converted.milli },
          mode === "replace",
          problems,
          segmentText,
        );
      }
    }
    if (reading.unknown) {
      const fragment = originalText(normalized, text, reading.unknown.start, reading.unknown.end);
      const asks = reading.asksForGoods || mode === "remove";
      const suggestions = asks ? suggestProducts(reading.unknown.words, catalog) : [];
      if (reading.unknown.words.some((word) => KNOWN_GOODS.has(word))) unknownGoods = true;
      addUnknown(fragment, suggestions, mode === "remove", asks);
      if (reading.mentions.length === 0) {
        for (const quantity of reading.quantities) {
          if (quantity.problem && problems.length < MAX_PROBLEMS)
            problems.push({ text: segmentText(), reason: quantity.problem });
        }
      }
    }
    if (reading.lastUnit) previousUnit = reading.lastUnit;
    previousMode = mode;
  }

  const catalogAsked =
    words.some((word) => (talkCategories(word) & Talk.Catalog) !== 0) ||
    (normalized.text.includes("?") && words.some((word) => AVAILABILITY_WORDS.has(word)));
  if (catalogAsked && !explicitNumber) {
    // "quanto tá o tomate?", "tem abacate?": one product's price and availability; without one, the catalog.
    const named = [
      ...new Set([...orderItems, ...removeItems, ...takeOffItems].map((item) => item.sku).concat(clarify)),
    ];
    if (named.length === 0 && !unknownGoods) {
      // "vocês têm entrega no sábado?" asks about something else than goods: a question for a person.
      const asksOther = (unknown.length > 0 || asksBesidesGoods(words)) && looksLikeQuestion(normalized.text, words);
      return { ...understanding, intent: asksOther ? "question" : "catalog" };
    }
    const items = named.flatMap((sku) => {
      const product = catalog.products.get(sku);
      return product ? [{ sku, quantityMilli: 0, unit: product.unit }] : [];
    });
    return { ...understanding, intent: "product_question", items, unknown: unknown.map((entry) => entry.text) };
  }

  const ordered = orderItems.length > 0 || clarify.length > 0 || problems.length > 0;
  const removeUnknown = unknown.some((entry) => entry.remove);
  const orderUnknown = unknown.some((entry) => !entry.remove && entry.asksForGoods);
  const takesAway = removeItems.length > 0 || takeOffItems.length > 0;
  if (ordered || takesAway || removeUnknown || orderUnknown) {
    const intent = ordered || (orderUnknown && !takesAway && !removeUnknown) ? "order" : "remove";
    // An order that also takes something away ("tira o coentro e mais 1kg de tomate") sets those products to zero.
    const items =
      intent === "order"
        ? [...orderItems, ...takeOffItems, ...removeItems.map((item) => ({ ...item, replace: true }))]
        : [...takeOffItems, ...removeItems];
    const suggestions = noSuggestions();
    for (const entry of unknown) if (entry.suggestions.length > 0) suggestions[entry.text] = entry.suggestions;
    return {
      ...understanding,
      intent,
      items,
      unknown: unknown.map((entry) => entry.text),
      clarify,
      problems,
      suggestions,
    };
  }

  // A short message with a known word among unknown ones ("cadê o meu pedidinho?") still gets that word's
  // intent; a long text that happens to contain "ok" somewhere is not a confirmation.
  const question = looksLikeQuestion(normalized.text, words)
    ? ({ ...understanding, intent: "question" } as const)
    : null;
  if (words.length > MAX_COMMAND_TOKENS) return question ?? understanding;
  let categories = phraseTalkCategories(words);
  for (const word of words) categories |= talkCategories(word);
  const fallback = smallTalkIntent(categories & ~Talk.Neutral, false);
  // "vocês entregam no sábado?": a question about something else than the order's status goes to a person.
  if (question && (!fallback || fallback.intent === "other" || fallback.intent === "help")) return question;
  return fallback ? { ...understanding, ...fallback } : understanding;
}

/**
 * An empty map of suggestions by the customer's own words: without a prototype, so that looking up an unknown
 * fragment such as "constructor" finds nothing instead of Object's constructor.
 */
function noSuggestions(): Record<string, string[]> {
  return Object.create(null) as Record<string, string[]>;
}

/** An amount written with a number or a unit ("1kg", "2", "meio quilo"), not a bare product. */
function isAmount(quantity: WrittenQuantity): boolean {
  return quantity.explicitNumber || quantity.unit !== null;
}

/** Adds an item, summing with the same product named earlier in the message (or replacing it, for "troca"). */
function addItem(
  items: UnderstoodItem[],
  item: UnderstoodItem,
  replace: boolean,
  problems: Understanding["problems"],
  segmentText: () => string,
): void {
  const existing = items.find((candidate) => candidate.sku === item.sku);
  if (replace) {
    if (existing) {
      existing.quantityMilli = item.quantityMilli;
      existing.replace = true;
    } else items.push({ ...item, replace: true });
    return;
  }
  if (!existing) {
    items.push(item);
    return;
  }
  const total = existing.quantityMilli + item.quantityMilli;
  if (total > MAX_QUANTITY_MILLI) {
    if (problems.length < MAX_PROBLEMS) problems.push({ text: segmentText(), sku: item.sku, reason: "too_large" });
    return;
  }
  existing.quantityMilli = total;
}

/**
 * An amount on a line of its own belongs to the product just before it when that one had none: "abobrinha - 2kg" and
 * "quiabo: meio quilo" break the line at the dash or colon. "1kg de cada" gives it to each of the products before it
 * that had none ("abobrinha, berinjela e pepino, 1kg de cada").
 */
function attachLooseAmounts(readings: SegmentReading[]): void {
  readings.forEach((reading, index) => {
    if (reading.mentions.length > 0 || reading.unknown || reading.mode || reading.quantities.length === 0) return;
    const { each } = reading;
    const waiting: Mention[] = [];
    for (let back = index - 1; back >= 0; back--) {
      const before = readings[back] as SegmentReading;
      if (before.quantities.length > 0 || before.unknown || before.mode === "remove" || before.mentions.length === 0)
        break;
      waiting.unshift(...before.mentions);
      if (!each) break;
    }
    if (waiting.length === 0) return;
    for (const mention of each ? waiting : waiting.slice(-1)) mention.quantities.push(...reading.quantities);
    reading.quantities = [];
  });
}
