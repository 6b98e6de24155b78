import { readFileSync } from "node:fs";
import { z } from "zod";
import { UNITS } from "../../core/domain/units.ts";

/**
 * The words the reader knows, kept as data: one file per language in `words/` (pt-BR.json, en.json), each checked
 * against the schema below when the module loads, then merged, since a message may mix both languages ("2kg de
 * tomato"). Every word is folded as the reader sees it: lower case, no accents (a-z only).
 */

const word = z.string().regex(/^[a-z]+$/, "must be one folded word (a-z only, no accents, no spaces)");
const phrase = z.string().regex(/^[a-z]+(?: [a-z]+)*$/, "must be folded words (a-z) separated by single spaces");
const words = z.array(word).optional();
const numberWords = z.record(word, z.number().int().nonnegative()).optional();

/** A unit as the customer names it: the catalog's units, millilitres (exact litres) and money ("5 reais de"). */
export const WRITTEN_UNITS = [...UNITS, "ml", "money"] as const;
export type WrittenUnit = (typeof WRITTEN_UNITS)[number];

const languageFileSchema = z.strictObject({
  language: z.enum(["pt-BR", "en"]),
  /** Articles and prepositions: ignored inside product names ("queijo de coalho" = "queijo coalho"). */
  connecting: words,
  /** Words that never name a product: politeness, pronouns, greetings, vague amounts, days. */
  filler: words,
  /** Words that ask for goods: an unknown product after them is worth naming back. */
  order: words,
  /** How a line changes an order (PRODUCT.md, "Changing an order, exactly"). */
  changes: z
    .strictObject({
      /** "mais 1kg de cebola": add to what the order has. */
      add: words,
      /** "menos 1kg de cebola": take that much off. */
      takeOff: words,
      /** "só 1kg de cebola", "na verdade": set the quantity. */
      set: words,
      /** Verbs that set a quantity ("troca tomate por 3kg"). */
      replace: words,
      /** Verbs that take items away ("tira o coentro", "sem coentro"). */
      remove: words,
    })
    .optional(),
  /** "1kg de cada": the amount goes to each product before it. */
  each: words,
  /** "laranja pera pra suco": the goods a purpose is for. */
  purpose: words,
  /** Small talk, by what a message made of it means. */
  talk: z
    .strictObject({
      neutral: words,
      greeting: words,
      /** Greetings written in several words ("e aí"): the phrase greets, its words alone do not. */
      greetingPhrases: z.array(phrase).optional(),
      help: words,
      confirm: words,
      cancel: words,
      statusStrong: words,
      statusWeak: words,
      thanks: words,
      catalog: words,
      negation: words,
    })
    .optional(),
  /** Words that ask where an order is when read together ("já foi entregue?", "alguma novidade do pedido?"). */
  statusQuestion: z
    .strictObject({ delivered: words, linkingVerbs: words, news: words, orderNouns: words, confirming: words })
    .optional(),
  /** Questions for a person: words that open one, things asked besides goods, "tem …?". */
  questions: z.strictObject({ openers: words, besidesGoods: words, availability: words }).optional(),
  /** Words typical of the language, for choosing the reply language. */
  languageHints: words,
  /** Unit words: `alone` ones mean one of the unit by themselves ("dúzia de ovos"); the others need a number. */
  units: z.partialRecord(z.enum(WRITTEN_UNITS), z.strictObject({ alone: words, withNumber: words })).optional(),
  numbers: z
    .strictObject({
      ones: numberWords,
      tens: numberWords,
      hundreds: numberWords,
      /** Words that multiply the number before them ("dois mil", "um milhão"). */
      scales: numberWords,
      /** Words meaning one half ("meio quilo", "half a dozen"). */
      halves: words,
    })
    .optional(),
  goods: z
    .strictObject({
      /** Goods of neighbourhood groceries: written as spelled, they are that product, never a typo of another. */
      known: words,
      /** Words that describe the goods ("tomate bem maduro") rather than name another kind. */
      describing: words,
      /** Words that tell kinds apart ("Leite Integral"): the rest of a name starting with one never names it alone. */
      kinds: words,
      /** Goods that are also the one kind of another goods they are sold as ("calabresa"). */
      kindsNamedAlone: words,
      /** Names of the same goods in different regions ("macaxeira aipim mandioca"), the catalog's first found wins. */
      synonyms: z.array(z.array(word).min(2)).optional(),
      /**
       * Parts of an animal or a plant sold as products of their own ("Peito de Frango", "Filé de Tilápia"): beside
       * them, the goods they are part of, written alone ("frango"), name no one product.
       */
      parts: words,
    })
    .optional(),
  /** Nouns whose gender their ending does not tell, for making adjectives agree. */
  gender: z.strictObject({ feminine: words, masculine: words }).optional(),
  /** English names of goods and their Portuguese names, in Portuguese order. */
  glossary: z
    .strictObject({
      /** By section of the shop. */
      nouns: z.record(z.string(), z.record(phrase, phrase)),
      /** Adjectives, which follow the noun in Portuguese and agree with it. */
      modifiers: z.record(phrase, phrase),
      /** The form some nouns take when they describe another ("pork ribs" → "costela suína"). */
      nounsAsModifiers: z.record(phrase, phrase),
    })
    .optional(),
});

export type LanguageWordFile = z.infer<typeof languageFileSchema>;

/** Checks one language file, or throws one error naming the file and every field that is wrong. */
export function parseLanguageFile(data: unknown, fileName: string): LanguageWordFile {
  const result = languageFileSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(file)"}: ${issue.message}`);
  throw new Error(`${fileName} is not a valid word file:\n${problems.join("\n")}`);
}

export type TalkName = Exclude<keyof NonNullable<LanguageWordFile["talk"]>, "greetingPhrases">;
export const TALK_NAMES = [
  "neutral",
  "greeting",
  "help",
  "confirm",
  "cancel",
  "statusStrong",
  "statusWeak",
  "thanks",
  "catalog",
  "negation",
] as const satisfies readonly TalkName[];

export interface UnitWord {
  unit: WrittenUnit;
  /** Whether the word alone means one of the unit ("dúzia de ovos", "pé de alface", "quilo de tomate"). */
  standsAlone: boolean;
}

/** The words of every language file, merged, as the reader uses them. */
export interface ReaderWords {
  connecting: ReadonlySet<string>;
  filler: ReadonlySet<string>;
  order: ReadonlySet<string>;
  add: ReadonlySet<string>;
  takeOff: ReadonlySet<string>;
  set: ReadonlySet<string>;
  replace: ReadonlySet<string>;
  remove: ReadonlySet<string>;
  each: ReadonlySet<string>;
  purpose: ReadonlySet<string>;
  talk: Readonly<Record<TalkName, ReadonlySet<string>>>;
  greetingPhrases: readonly (readonly string[])[];
  statusQuestion: Readonly<Record<keyof NonNullable<LanguageWordFile["statusQuestion"]>, ReadonlySet<string>>>;
  questions: Readonly<Record<keyof NonNullable<LanguageWordFile["questions"]>, ReadonlySet<string>>>;
  languageHints: Readonly<Record<"pt-BR" | "en", ReadonlySet<string>>>;
  units: ReadonlyMap<string, UnitWord>;
  numbers: {
    ones: ReadonlyMap<string, number>;
    tens: ReadonlyMap<string, number>;
    hundreds: ReadonlyMap<string, number>;
    scales: ReadonlyMap<string, number>;
    halves: ReadonlySet<string>;
  };
  knownGoods: ReadonlySet<string>;
  describing: ReadonlySet<string>;
  kinds: ReadonlySet<string>;
  kindsNamedAlone: ReadonlySet<string>;
  parts: ReadonlySet<string>;
  /** Each word of a synonym group → the other words of its group, in the group's order. */
  synonyms: ReadonlyMap<string, readonly string[]>;
  feminineNouns: ReadonlySet<string>;
  masculineNouns: ReadonlySet<string>;
  /** English → Portuguese, in the files' order (the first listing of a phrase wins over generated plurals). */
  glossaryNouns: readonly (readonly [string, string])[];
  glossaryModifiers: readonly (readonly [string, string])[];
  glossaryNounsAsModifiers: ReadonlyMap<string, string>;
}

/**
 * Merges the language files into the reader's words. A word listed twice where it can only mean one thing (a unit,
 * a number, an English glossary phrase, a synonym group) is an error in the data, thrown here.
 */
export function mergeLanguageFiles(files: readonly LanguageWordFile[]): ReaderWords {
  const union = (pick: (file: LanguageWordFile) => readonly string[] | undefined): ReadonlySet<string> =>
    new Set(files.flatMap((file) => pick(file) ?? []));
  const once = <Value>(what: string, entries: Iterable<readonly [string, Value]>): Map<string, Value> => {
    const map = new Map<string, Value>();
    for (const [key, value] of entries) {
      if (map.has(key)) throw new Error(`reader words: "${key}" is listed twice as ${what}`);
      map.set(key, value);
    }
    return map;
  };
  const numbers = (pick: (file: LanguageWordFile) => Record<string, number> | undefined) =>
    files.flatMap((file) => Object.entries(pick(file) ?? {}));
  const ones = numbers((file) => file.numbers?.ones);
  const tens = numbers((file) => file.numbers?.tens);
  const hundreds = numbers((file) => file.numbers?.hundreds);
  const scales = numbers((file) => file.numbers?.scales);
  once("a number", [...ones, ...tens, ...hundreds, ...scales]);

  const unitEntries: [string, UnitWord][] = [];
  for (const file of files) {
    for (const unit of WRITTEN_UNITS) {
      const entry = file.units?.[unit];
      for (const written of entry?.alone ?? []) unitEntries.push([written, { unit, standsAlone: true }]);
      for (const written of entry?.withNumber ?? []) unitEntries.push([written, { unit, standsAlone: false }]);
    }
  }

  const synonymEntries: [string, string[]][] = [];
  for (const group of files.flatMap((file) => file.goods?.synonyms ?? [])) {
    for (const member of group) synonymEntries.push([member, group.filter((other) => other !== member)]);
  }

  const glossaryNouns = files.flatMap((file) =>
    Object.values(file.glossary?.nouns ?? {}).flatMap((section) => Object.entries(section)),
  );
  const glossaryModifiers = files.flatMap((file) => Object.entries(file.glossary?.modifiers ?? {}));
  once("an English glossary noun", glossaryNouns);
  once("an English glossary modifier", glossaryModifiers);

  const talk = Object.fromEntries(
    TALK_NAMES.map((name) => [name, union((file) => file.talk?.[name])]),
  ) as ReaderWords["talk"];
  const hints = (language: "pt-BR" | "en") =>
    union((file) => (file.language === language ? file.languageHints : undefined));

  return {
    connecting: union((file) => file.connecting),
    filler: union((file) => file.filler),
    order: union((file) => file.order),
    add: union((file) => file.changes?.add),
    takeOff: union((file) => file.changes?.takeOff),
    set: union((file) => file.changes?.set),
    replace: union((file) => file.changes?.replace),
    remove: union((file) => file.changes?.remove),
    each: union((file) => file.each),
    purpose: union((file) => file.purpose),
    talk,
    greetingPhrases: files.flatMap((file) => file.talk?.greetingPhrases ?? []).map((text) => text.split(" ")),
    statusQuestion: {
      delivered: union((file) => file.statusQuestion?.delivered),
      linkingVerbs: union((file) => file.statusQuestion?.linkingVerbs),
      news: union((file) => file.statusQuestion?.news),
      orderNouns: union((file) => file.statusQuestion?.orderNouns),
      confirming: union((file) => file.statusQuestion?.confirming),
    },
    questions: {
      openers: union((file) => file.questions?.openers),
      besidesGoods: union((file) => file.questions?.besidesGoods),
      availability: union((file) => file.questions?.availability),
    },
    languageHints: { "pt-BR": hints("pt-BR"), en: hints("en") },
    units: once("a unit", unitEntries),
    numbers: {
      ones: new Map(ones),
      tens: new Map(tens),
      hundreds: new Map(hundreds),
      scales: new Map(scales),
      halves: union((file) => file.numbers?.halves),
    },
    knownGoods: union((file) => file.goods?.known),
    describing: union((file) => file.goods?.describing),
    kinds: union((file) => file.goods?.kinds),
    kindsNamedAlone: union((file) => file.goods?.kindsNamedAlone),
    parts: union((file) => file.goods?.parts),
    synonyms: once("a synonym", synonymEntries),
    feminineNouns: union((file) => file.gender?.feminine),
    masculineNouns: union((file) => file.gender?.masculine),
    glossaryNouns,
    glossaryModifiers,
    glossaryNounsAsModifiers: new Map(files.flatMap((file) => Object.entries(file.glossary?.nounsAsModifiers ?? {}))),
  };
}

const WORD_FILES = ["pt-BR", "en"] as const;

function loadLanguageFile(language: (typeof WORD_FILES)[number]): LanguageWordFile {
  const fileName = `bot/understand/words/${language}.json`;
  const file = parseLanguageFile(
    JSON.parse(readFileSync(new URL(`./words/${language}.json`, import.meta.url), "utf8")),
    fileName,
  );
  if (file.language !== language) throw new Error(`${fileName} says it is "${file.language}"`);
  return file;
}

/** The reader's words, read and checked once, when the reader is first imported. */
export const READER_WORDS: ReaderWords = mergeLanguageFiles(WORD_FILES.map(loadLanguageFile));
