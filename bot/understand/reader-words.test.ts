import { describe, expect, test } from "vitest";
import { mergeLanguageFiles, parseLanguageFile, READER_WORDS, TALK_NAMES } from "./reader-words.ts";

const words = READER_WORDS;
const unitWords = new Set(words.units.keys());
const numberWords = new Set([
  ...words.numbers.ones.keys(),
  ...words.numbers.tens.keys(),
  ...words.numbers.hundreds.keys(),
  ...words.numbers.scales.keys(),
  ...words.numbers.halves,
]);
const talk = (name: (typeof TALK_NAMES)[number]) => [`talk.${name}`, words.talk[name]] as const;

/** Words that never name goods, each list under its name in the files. */
const NEVER_GOODS: (readonly [string, ReadonlySet<string>])[] = [
  ["filler", words.filler],
  ["order", words.order],
  ["connecting", words.connecting],
  ["changes.add", words.add],
  ["changes.takeOff", words.takeOff],
  ["changes.set", words.set],
  ["changes.replace", words.replace],
  ["changes.remove", words.remove],
  ["units", unitWords],
  ["numbers", numberWords],
  ...TALK_NAMES.map(talk),
];

/** Lists whose meanings exclude each other: a word in both would be read two ways at once. */
type Conflict = [string, ReadonlySet<string>, string, ReadonlySet<string>];
const CONFLICTS: Conflict[] = [
  ...NEVER_GOODS.flatMap(([name, list]): Conflict[] => [
    ["goods.known", words.knownGoods, name, list],
    ["goods.parts", words.parts, name, list],
  ]),
  ["goods.describing", words.describing, "goods.parts", words.parts],
  ["goods.describing", words.describing, "goods.kinds", words.kinds],
  ["changes.add", words.add, "changes.takeOff", words.takeOff],
  ["changes.add", words.add, "changes.set", words.set],
  ["changes.add", words.add, "changes.remove", words.remove],
  ["changes.add", words.add, "changes.replace", words.replace],
  ["changes.takeOff", words.takeOff, "changes.set", words.set],
  ["changes.takeOff", words.takeOff, "changes.remove", words.remove],
  ["changes.takeOff", words.takeOff, "changes.replace", words.replace],
  ["changes.set", words.set, "changes.remove", words.remove],
  ["changes.replace", words.replace, "changes.remove", words.remove],
  ["talk.confirm", words.talk.confirm, "talk.cancel", words.talk.cancel],
  ["talk.confirm", words.talk.confirm, "talk.negation", words.talk.negation],
  ["talk.cancel", words.talk.cancel, "talk.negation", words.talk.negation],
  ["units", unitWords, "numbers", numberWords],
  ["pt-BR languageHints", words.languageHints["pt-BR"], "en languageHints", words.languageHints.en],
];

describe("the reader's words, kept as one data file per language", () => {
  test.each(CONFLICTS)("no word is both in %s and in %s", (_first, firstList, _second, secondList) => {
    expect([...firstList].filter((word) => secondList.has(word))).toEqual([]);
  });

  test("load every list the reader needs, in both languages", () => {
    expect(words.knownGoods.has("tomate")).toBe(true);
    expect(words.talk.thanks.has("obrigado") && words.talk.thanks.has("thanks")).toBe(true);
    expect(words.units.get("duzia")).toEqual({ unit: "dz", standsAlone: true });
    expect(words.numbers.ones.get("three")).toBe(3);
    expect(words.glossaryNouns.length + words.glossaryModifiers.length).toBeGreaterThan(500);
    expect(words.synonyms.get("aipim")).toEqual(["macaxeira", "mandioca"]);
  });

  test.each([
    [{ language: "pt-BR", filler: ["Obrigado"] }, "filler.0: must be one folded word"],
    [{ language: "pt-BR", filler: ["por favor"] }, "filler.0: must be one folded word"],
    [{ language: "pt-BR", fillers: ["e"] }, 'Unrecognized key: "fillers"'],
    [{ language: "fr" }, "language:"],
    [{ language: "en", units: { kilo: { alone: ["kilo"] } } }, 'units: Unrecognized key: "kilo"'],
    [{ language: "en", numbers: { ones: { one: 1.5 } } }, "numbers.ones.one"],
    [
      { language: "en", glossary: { nouns: {}, modifiers: { red: "Vermelho" }, nounsAsModifiers: {} } },
      "modifiers.red",
    ],
  ])("refuse a file with a wrong field, naming the file and the field (%j)", (data, message) => {
    expect(() => parseLanguageFile(data, "words/test.json")).toThrow("words/test.json is not a valid word file");
    expect(() => parseLanguageFile(data, "words/test.json")).toThrow(message);
  });

  test.each([
    [
      [{ units: { kg: { alone: ["kilo"] } } }, { units: { g: { withNumber: ["kilo"] } } }],
      '"kilo" is listed twice as a unit',
    ],
    [[{ numbers: { ones: { um: 1 } } }, { numbers: { tens: { um: 10 } } }], '"um" is listed twice as a number'],
    [
      [
        {
          goods: {
            synonyms: [
              ["aipim", "mandioca"],
              ["aipim", "macaxeira"],
            ],
          },
        },
      ],
      '"aipim" is listed twice as a synonym',
    ],
  ])("refuse a word listed twice where it can mean only one thing (%j)", (files, message) => {
    const parsed = files.map((file, index) =>
      parseLanguageFile({ language: index === 0 ? "pt-BR" : "en", ...file }, `file ${index}`),
    );
    expect(() => mergeLanguageFiles(parsed)).toThrow(message);
  });
});
