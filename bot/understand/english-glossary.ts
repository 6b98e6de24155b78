/**
 * Common English produce and grocery words and their Portuguese names, so that "2kg of tomatoes and a dozen
 * eggs" reads against a Portuguese catalog. Plurals are generated (tomato → tomatoes, berry → berries).
 */
const GLOSSARY: Record<string, string> = {
  tomato: "tomate",
  "cherry tomato": "tomate cereja",
  onion: "cebola",
  "red onion": "cebola roxa",
  "purple onion": "cebola roxa",
  "white onion": "cebola branca",
  "green onion": "cebolinha",
  scallion: "cebolinha",
  chive: "cebolinha",
  potato: "batata",
  "sweet potato": "batata doce",
  "english potato": "batata inglesa",
  carrot: "cenoura",
  lettuce: "alface",
  egg: "ovo",
  "white egg": "ovo branco",
  "free range egg": "ovo caipira",
  "brown egg": "ovo caipira",
  chayote: "chuchu",
  pumpkin: "abobora",
  squash: "abobora",
  zucchini: "abobrinha",
  courgette: "abobrinha",
  "bell pepper": "pimentao",
  "green pepper": "pimentao verde",
  "red pepper": "pimentao vermelho",
  pepper: "pimentao",
  "chili pepper": "pimenta",
  coriander: "coentro",
  cilantro: "coentro",
  parsley: "salsa",
  kale: "couve",
  collard: "couve",
  "collard green": "couve",
  cabbage: "repolho",
  cassava: "macaxeira",
  manioc: "macaxeira",
  yuca: "macaxeira",
  banana: "banana",
  plantain: "banana da terra",
  apple: "maca",
  orange: "laranja",
  lemon: "limao",
  lime: "limao",
  papaya: "mamao",
  pineapple: "abacaxi",
  watermelon: "melancia",
  melon: "melao",
  mango: "manga",
  strawberry: "morango",
  grape: "uva",
  "seedless grape": "uva sem semente",
  avocado: "abacate",
  coconut: "coco",
  guava: "goiaba",
  "passion fruit": "maracuja",
  pear: "pera",
  peach: "pessego",
  cashew: "caju",
  chicken: "frango",
  cheese: "queijo",
  "curd cheese": "queijo coalho",
  butter: "manteiga",
  "clarified butter": "manteiga de garrafa",
  milk: "leite",
  yogurt: "iogurte",
  yoghurt: "iogurte",
  rice: "arroz",
  bean: "feijao",
  "black bean": "feijao preto",
  "green bean": "feijao verde",
  coffee: "cafe",
  flour: "farinha",
  "cassava flour": "farinha de mandioca",
  honey: "mel",
  "brown sugar block": "rapadura",
  sugar: "acucar",
  salt: "sal",
  oil: "oleo",
  garlic: "alho",
  cucumber: "pepino",
  beet: "beterraba",
  beetroot: "beterraba",
  okra: "quiabo",
  corn: "milho",
  bread: "pao",
  "french bread": "pao frances",
  "cheese bread": "pao de queijo",
  meat: "carne",
  beef: "carne",
  "ground beef": "carne moida",
  "minced beef": "carne moida",
  pork: "carne de porco",
  sausage: "linguica",
  ham: "presunto",
  fish: "peixe",
  spinach: "espinafre",
  broccoli: "brocolis",
  cauliflower: "couve flor",
  ginger: "gengibre",
  mint: "hortela",
  basil: "manjericao",
  juice: "suco",
  water: "agua",
};

function pluralsOf(word: string): string[] {
  if (word.endsWith("y")) return [`${word.slice(0, -1)}ies`, `${word}s`];
  if (word.endsWith("o") || word.endsWith("ch") || word.endsWith("sh")) return [`${word}es`, `${word}s`];
  if (word.endsWith("f")) return [`${word.slice(0, -1)}ves`, `${word}s`];
  return [`${word}s`];
}

const TRANSLATIONS = new Map<string, string[]>();
let longestPhrase = 1;
for (const [english, portuguese] of Object.entries(GLOSSARY)) {
  const words = english.split(" ");
  const translated = portuguese.split(" ");
  longestPhrase = Math.max(longestPhrase, words.length);
  TRANSLATIONS.set(english, translated);
  const last = words[words.length - 1] as string;
  for (const plural of pluralsOf(last)) {
    const pluralPhrase = [...words.slice(0, -1), plural].join(" ");
    if (!TRANSLATIONS.has(pluralPhrase)) TRANSLATIONS.set(pluralPhrase, translated);
  }
}

/** Translated words, each with the span of input words it came from (for mapping matches back). */
export interface Translation {
  words: string[];
  sourceStart: number[];
  sourceEnd: number[];
}

/**
 * Replaces English product words by their Portuguese names, longest phrase first
 * (["red", "onions"] → ["cebola", "roxa"]). Words the glossary does not know are kept as they are.
 * Returns null when nothing was translated, so the caller can skip a second lookup.
 */
export function translateEnglish(words: readonly string[]): Translation | null {
  const translation: Translation = { words: [], sourceStart: [], sourceEnd: [] };
  let changed = false;
  let index = 0;
  while (index < words.length) {
    let length = Math.min(longestPhrase, words.length - index);
    let translated: string[] | undefined;
    for (; length >= 1; length--) {
      translated = TRANSLATIONS.get(
        length === 1 ? (words[index] as string) : words.slice(index, index + length).join(" "),
      );
      if (translated) break;
    }
    const replacement = translated ?? [words[index] as string];
    const consumed = translated ? length : 1;
    for (const word of replacement) {
      translation.words.push(word);
      translation.sourceStart.push(index);
      translation.sourceEnd.push(index + consumed);
    }
    if (translated) changed = true;
    index += consumed;
  }
  return changed ? translation : null;
}
