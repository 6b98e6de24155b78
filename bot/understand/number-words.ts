/** Each number word a customer may write, in Portuguese and English, with its value. */
const UNITS_AND_TEENS = new Map<string, number>(
  Object.entries({
    zero: 0,
    um: 1,
    uma: 1,
    hum: 1,
    dois: 2,
    duas: 2,
    tres: 3,
    quatro: 4,
    cinco: 5,
    seis: 6,
    sete: 7,
    oito: 8,
    nove: 9,
    dez: 10,
    onze: 11,
    doze: 12,
    treze: 13,
    catorze: 14,
    quatorze: 14,
    quinze: 15,
    dezesseis: 16,
    dezasseis: 16,
    dezessete: 17,
    dezassete: 17,
    dezoito: 18,
    dezenove: 19,
    dezanove: 19,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
  }),
);

const TENS = new Map<string, number>(
  Object.entries({
    vinte: 20,
    trinta: 30,
    quarenta: 40,
    cinquenta: 50,
    sessenta: 60,
    setenta: 70,
    oitenta: 80,
    noventa: 90,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
  }),
);

const HUNDREDS = new Map<string, number>(
  Object.entries({
    cem: 100,
    cento: 100,
    duzentos: 200,
    duzentas: 200,
    trezentos: 300,
    trezentas: 300,
    quatrocentos: 400,
    quatrocentas: 400,
    quinhentos: 500,
    quinhentas: 500,
    seiscentos: 600,
    seiscentas: 600,
    setecentos: 700,
    setecentas: 700,
    oitocentos: 800,
    oitocentas: 800,
    novecentos: 900,
    novecentas: 900,
    hundred: 100,
  }),
);

/**
 * Words that multiply the number before them ("dois mil", "5 mil", "um milhão"). Maps, like every table read with
 * the customer's words: a plain object would answer "constructor" with a function.
 */
export const SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ["mil", 1_000],
  ["thousand", 1_000],
  ["milhao", 1_000_000],
  ["milhoes", 1_000_000],
  ["million", 1_000_000],
  ["millions", 1_000_000],
  ["bilhao", 1_000_000_000],
  ["bilhoes", 1_000_000_000],
  ["billion", 1_000_000_000],
  ["billions", 1_000_000_000],
]);

/** Words meaning one half: "meio quilo", "meia dúzia", "half a dozen". */
export const HALF_WORDS: ReadonlySet<string> = new Set(["meio", "meia", "half"]);

export interface NumberWordsReading {
  /** The number, whole (number words only name whole numbers). */
  value: number;
  /** How many tokens the number used. */
  length: number;
}

/** The whole number a word names on its own, or undefined. "meia" is not one: it means a half. */
export function numberWordValue(word: string): number | undefined {
  if (word === "meia") return undefined;
  return UNITS_AND_TEENS.get(word) ?? TENS.get(word) ?? HUNDREDS.get(word) ?? SCALE_WORDS.get(word);
}

/**
 * Reads a number written in words starting at `words[0]`: "três", "vinte e dois", "cento e cinquenta",
 * "two hundred", "mil e quinhentos". The " e " inside is consumed only when a number word follows it,
 * so "dois e meio" stops after "dois" (the half is read by the caller) and "tomate e cebola" is untouched.
 */
export function readNumberWords(words: readonly (string | undefined)[]): NumberWordsReading | null {
  const first = words[0];
  if (first === undefined || numberWordValue(first) === undefined) return null;
  let total = 0;
  let current = 0;
  let length = 0;
  let expectNumber = true;
  while (length < words.length) {
    const word = words[length];
    if (word === undefined) break;
    if (!expectNumber) {
      // Only a connector may follow a number word: "vinte e dois", "twenty-two" arrives as two words.
      const next = words[length + 1];
      const connects = (word === "e" || word === "and") && next !== undefined && numberWordValue(next) !== undefined;
      if (connects && next !== "mil") {
        length++;
        expectNumber = true;
        continue;
      }
      const directlyFollows = numberWordValue(word) !== undefined && (TENS.get(words[length - 1] ?? "") ?? 0) > 0;
      if (!directlyFollows && !(word === "hundred" || SCALE_WORDS.has(word))) break;
    }
    if (word === "hundred") {
      current = (current === 0 ? 1 : current) * 100;
    } else if (SCALE_WORDS.has(word)) {
      const scale = SCALE_WORDS.get(word) as number;
      // "dois milhões e quinhentos mil": a larger scale multiplies everything before it.
      total =
        scale > 1000 ? (total + (current === 0 ? 1 : current)) * scale : total + (current === 0 ? 1 : current) * scale;
      current = 0;
    } else {
      const value = numberWordValue(word);
      if (value === undefined) break;
      current += value;
    }
    length++;
    expectNumber = false;
  }
  return { value: total + current, length };
}
