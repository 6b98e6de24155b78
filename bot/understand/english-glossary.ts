import { unitWord } from "./unit-words.ts";
import { CONNECTING_WORDS, isProductCandidate } from "./word-lists.ts";

/**
 * English grocery words and their Portuguese names, so that "2kg of tomatoes and a dozen eggs" reads against a
 * Portuguese catalog. Written folded (no accents) and in Portuguese order; articles and prepositions are
 * dropped when the table is built, as catalog names drop them ("peito de frango" is matched as "peito frango").
 * Plurals are generated (tomato → tomatoes, berry → berries). A phrase listed here wins over the word-by-word
 * reading, for names whose parts translate badly ("dish soap" is "detergente", not "sabão de prato").
 */
const NOUNS: Record<string, string> = {
  // Vegetables
  tomato: "tomate",
  "cherry tomato": "tomate cereja",
  "grape tomato": "tomate cereja",
  onion: "cebola",
  "red onion": "cebola roxa",
  "purple onion": "cebola roxa",
  "white onion": "cebola branca",
  "yellow onion": "cebola",
  "brown onion": "cebola",
  "green onion": "cebolinha",
  "spring onion": "cebolinha",
  scallion: "cebolinha",
  chive: "cebolinha",
  shallot: "chalota",
  leek: "alho poro",
  garlic: "alho",
  potato: "batata",
  "sweet potato": "batata doce",
  "english potato": "batata inglesa",
  "baby potato": "batata bolinha",
  carrot: "cenoura",
  lettuce: "alface",
  "iceberg lettuce": "alface americana",
  "romaine lettuce": "alface romana",
  "curly lettuce": "alface crespa",
  arugula: "rucula",
  rocket: "rucula",
  watercress: "agriao",
  spinach: "espinafre",
  chard: "acelga",
  "swiss chard": "acelga",
  kale: "couve",
  collard: "couve",
  "collard green": "couve",
  cabbage: "repolho",
  "red cabbage": "repolho roxo",
  "purple cabbage": "repolho roxo",
  "chinese cabbage": "acelga",
  cauliflower: "couve flor",
  broccoli: "brocolis",
  "brussels sprout": "couve de bruxelas",
  cucumber: "pepino",
  zucchini: "abobrinha",
  courgette: "abobrinha",
  pumpkin: "abobora",
  squash: "abobora",
  "butternut squash": "abobora pescoco",
  kabocha: "abobora cabotia",
  eggplant: "berinjela",
  aubergine: "berinjela",
  "bell pepper": "pimentao",
  capsicum: "pimentao",
  "green pepper": "pimentao verde",
  "red pepper": "pimentao vermelho",
  "yellow pepper": "pimentao amarelo",
  pepper: "pimentao",
  "chili pepper": "pimenta",
  "chilli pepper": "pimenta",
  "hot pepper": "pimenta",
  chili: "pimenta",
  chilli: "pimenta",
  "black pepper": "pimenta do reino",
  peppercorn: "pimenta do reino",
  okra: "quiabo",
  chayote: "chuchu",
  beet: "beterraba",
  beetroot: "beterraba",
  radish: "rabanete",
  turnip: "nabo",
  celery: "salsao",
  corn: "milho",
  "sweet corn": "milho verde",
  "corn cob": "milho verde",
  "corn on cob": "milho verde",
  pea: "ervilha",
  "green bean": "vagem",
  "string bean": "vagem",
  cassava: "mandioca",
  manioc: "mandioca",
  yuca: "macaxeira",
  yucca: "macaxeira",
  yam: "inhame",
  taro: "inhame",
  ginger: "gengibre",
  mushroom: "cogumelo",
  artichoke: "alcachofra",
  asparagus: "aspargo",
  chicory: "chicoria",
  endive: "endivia",
  fennel: "erva doce",
  "palm heart": "palmito",
  "heart of palm": "palmito",
  "hearts of palm": "palmito",
  "bean sprout": "broto de feijao",
  olive: "azeitona",
  // Herbs and spices
  coriander: "coentro",
  cilantro: "coentro",
  parsley: "salsa",
  "mixed herbs": "cheiro verde",
  mint: "hortela",
  basil: "manjericao",
  rosemary: "alecrim",
  thyme: "tomilho",
  oregano: "oregano",
  "bay leaf": "louro",
  dill: "endro",
  sage: "salvia",
  lemongrass: "capim santo",
  cumin: "cominho",
  paprika: "paprica",
  annatto: "colorau",
  cinnamon: "canela",
  clove: "cravo",
  nutmeg: "noz moscada",
  turmeric: "acafrao",
  seasoning: "tempero",
  // Fruit
  banana: "banana",
  plantain: "banana da terra",
  apple: "maca",
  orange: "laranja",
  tangerine: "tangerina",
  mandarin: "tangerina",
  clementine: "tangerina",
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
  raisin: "uva passa",
  avocado: "abacate",
  coconut: "coco",
  guava: "goiaba",
  "passion fruit": "maracuja",
  pear: "pera",
  peach: "pessego",
  plum: "ameixa",
  prune: "ameixa seca",
  cashew: "caju",
  "cashew nut": "castanha de caju",
  "brazil nut": "castanha do para",
  walnut: "noz",
  peanut: "amendoim",
  almond: "amendoa",
  hazelnut: "avela",
  date: "tamara",
  fig: "figo",
  kiwi: "kiwi",
  cherry: "cereja",
  blackberry: "amora",
  raspberry: "framboesa",
  blueberry: "mirtilo",
  jackfruit: "jaca",
  soursop: "graviola",
  starfruit: "carambola",
  "star fruit": "carambola",
  persimmon: "caqui",
  pomegranate: "roma",
  "custard apple": "pinha",
  "sugar apple": "pinha",
  tamarind: "tamarindo",
  // Meat and poultry
  meat: "carne",
  beef: "carne",
  "ground beef": "carne moida",
  "minced beef": "carne moida",
  "beef mince": "carne moida",
  "ground meat": "carne moida",
  "minced meat": "carne moida",
  mince: "carne moida",
  steak: "bife",
  rump: "alcatra",
  "rump steak": "alcatra",
  "top sirloin": "alcatra",
  sirloin: "contra file",
  "sirloin steak": "contra file",
  "strip steak": "contra file",
  "sirloin cap": "picanha",
  "rump cap": "picanha",
  tenderloin: "file mignon",
  "filet mignon": "file mignon",
  "flank steak": "fraldinha",
  flank: "fraldinha",
  brisket: "peito bovino",
  "rib eye": "bife ancho",
  ribeye: "bife ancho",
  chuck: "acem",
  shank: "musculo",
  topside: "coxao mole",
  silverside: "coxao duro",
  "eye round": "lagarto",
  oxtail: "rabada",
  tripe: "bucho",
  rib: "costela",
  "short rib": "costela",
  "spare rib": "costelinha",
  liver: "figado",
  heart: "coracao",
  gizzard: "moela",
  "jerked beef": "carne seca",
  "dried beef": "carne seca",
  jerky: "carne seca",
  "sun dried beef": "carne de sol",
  pork: "carne de porco",
  loin: "lombo",
  chop: "bisteca",
  "pork chop": "bisteca suina",
  bacon: "bacon",
  ham: "presunto",
  sausage: "linguica",
  "hot dog": "salsicha",
  "hot dog sausage": "salsicha",
  frankfurter: "salsicha",
  wiener: "salsicha",
  pepperoni: "calabresa",
  salami: "salame",
  mortadella: "mortadela",
  bologna: "mortadela",
  burger: "hamburguer",
  hamburger: "hamburguer",
  meatball: "almondega",
  chicken: "frango",
  "whole chicken": "frango inteiro",
  breast: "peito",
  thigh: "sobrecoxa",
  drumstick: "coxa",
  leg: "coxa",
  wing: "asa",
  fillet: "file",
  filet: "file",
  turkey: "peru",
  duck: "pato",
  quail: "codorna",
  lamb: "cordeiro",
  mutton: "carneiro",
  goat: "cabra",
  veal: "vitela",
  rabbit: "coelho",
  // Fish and seafood
  fish: "peixe",
  shrimp: "camarao",
  prawn: "camarao",
  tilapia: "tilapia",
  salmon: "salmao",
  tuna: "atum",
  sardine: "sardinha",
  cod: "bacalhau",
  "salted cod": "bacalhau",
  hake: "merluza",
  whiting: "pescada",
  mackerel: "cavala",
  catfish: "bagre",
  trout: "truta",
  "sea bass": "robalo",
  grouper: "garoupa",
  anchovy: "anchova",
  squid: "lula",
  octopus: "polvo",
  crab: "caranguejo",
  lobster: "lagosta",
  mussel: "mexilhao",
  oyster: "ostra",
  // Eggs and dairy
  egg: "ovo",
  "white egg": "ovo branco",
  "brown egg": "ovo vermelho",
  "free range egg": "ovo caipira",
  "quail egg": "ovo de codorna",
  milk: "leite",
  "whole milk": "leite integral",
  "powdered milk": "leite em po",
  "milk powder": "leite em po",
  "condensed milk": "leite condensado",
  cream: "creme de leite",
  "heavy cream": "creme de leite fresco",
  "whipping cream": "creme de leite fresco",
  "sour cream": "creme azedo",
  "whipped cream": "chantilly",
  cheese: "queijo",
  "curd cheese": "queijo coalho",
  "cream cheese": "cream cheese",
  "cheese spread": "requeijao",
  "cottage cheese": "queijo cottage",
  mozzarella: "mussarela",
  parmesan: "parmesao",
  ricotta: "ricota",
  provolone: "provolone",
  cheddar: "cheddar",
  butter: "manteiga",
  "clarified butter": "manteiga de garrafa",
  margarine: "margarina",
  yogurt: "iogurte",
  yoghurt: "iogurte",
  yogourt: "iogurte",
  // Grains, pantry and spreads
  rice: "arroz",
  "brown rice": "arroz integral",
  bean: "feijao",
  "black bean": "feijao preto",
  "pinto bean": "feijao carioca",
  "kidney bean": "feijao vermelho",
  "black eyed pea": "feijao fradinho",
  "black eyed bean": "feijao fradinho",
  lentil: "lentilha",
  chickpea: "grao de bico",
  garbanzo: "grao de bico",
  "garbanzo bean": "grao de bico",
  cornmeal: "fuba",
  "corn meal": "fuba",
  "corn flakes": "flocos de milho",
  couscous: "cuscuz",
  flour: "farinha",
  "wheat flour": "farinha de trigo",
  "all purpose flour": "farinha de trigo",
  "plain flour": "farinha de trigo",
  "cassava flour": "farinha de mandioca",
  "manioc flour": "farinha de mandioca",
  tapioca: "tapioca",
  "tapioca flour": "goma",
  "tapioca starch": "polvilho",
  "cassava starch": "polvilho",
  cornstarch: "amido de milho",
  "corn starch": "amido de milho",
  oat: "aveia",
  oatmeal: "aveia",
  granola: "granola",
  cereal: "cereal",
  spaghetti: "macarrao espaguete",
  macaroni: "macarrao",
  noodle: "macarrao",
  penne: "macarrao penne",
  lasagna: "lasanha",
  lasagne: "lasanha",
  breadcrumb: "farinha de rosca",
  popcorn: "pipoca",
  sugar: "acucar",
  "brown sugar": "acucar mascavo",
  "icing sugar": "acucar de confeiteiro",
  "powdered sugar": "acucar de confeiteiro",
  "brown sugar block": "rapadura",
  salt: "sal",
  charcoal: "carvao",
  "coarse salt": "sal grosso",
  "rock salt": "sal grosso",
  "fine salt": "sal fino",
  oil: "oleo",
  "cooking oil": "oleo",
  "vegetable oil": "oleo",
  "soybean oil": "oleo de soja",
  "soy oil": "oleo de soja",
  "olive oil": "azeite",
  "palm oil": "azeite de dende",
  vinegar: "vinagre",
  coffee: "cafe",
  "instant coffee": "cafe soluvel",
  tea: "cha",
  chocolate: "chocolate",
  cocoa: "cacau",
  honey: "mel",
  jam: "geleia",
  jelly: "gelatina",
  gelatin: "gelatina",
  "peanut butter": "pasta de amendoim",
  ketchup: "ketchup",
  mayonnaise: "maionese",
  mayo: "maionese",
  mustard: "mostarda",
  "tomato sauce": "molho de tomate",
  "tomato paste": "extrato de tomate",
  "soy sauce": "shoyu",
  yeast: "fermento",
  "baking powder": "fermento em po",
  "baking soda": "bicarbonato",
  "guava paste": "goiabada",
  "sweet milk paste": "doce de leite",
  "dulce de leche": "doce de leite",
  // Bakery
  bread: "pao",
  "french bread": "pao frances",
  "bread roll": "pao frances",
  "french roll": "pao frances",
  baguette: "baguete",
  "sliced bread": "pao de forma",
  "sandwich bread": "pao de forma",
  loaf: "pao de forma",
  "cheese bread": "pao de queijo",
  "sweet bread": "pao doce",
  cake: "bolo",
  cookie: "biscoito",
  biscuit: "biscoito",
  cracker: "bolacha",
  toast: "torrada",
  croissant: "croissant",
  pastry: "pastel",
  // Drinks
  water: "agua",
  "sparkling water": "agua com gas",
  "still water": "agua sem gas",
  juice: "suco",
  soda: "refrigerante",
  "soft drink": "refrigerante",
  pop: "refrigerante",
  coke: "coca cola",
  guarana: "guarana",
  beer: "cerveja",
  wine: "vinho",
  "red wine": "vinho tinto",
  "energy drink": "energetico",
  ice: "gelo",
  // Cleaning
  bleach: "agua sanitaria",
  detergent: "detergente",
  "dish soap": "detergente",
  "dish detergent": "detergente",
  "dishwashing liquid": "detergente",
  "dishwashing detergent": "detergente",
  "washing up liquid": "detergente",
  "washing powder": "sabao em po",
  "laundry powder": "sabao em po",
  "soap powder": "sabao em po",
  "powder detergent": "sabao em po",
  "powdered detergent": "sabao em po",
  "laundry detergent": "sabao",
  "laundry soap": "sabao",
  "bar soap": "sabao em barra",
  "fabric softener": "amaciante",
  softener: "amaciante",
  disinfectant: "desinfetante",
  "all purpose cleaner": "multiuso",
  "multipurpose cleaner": "multiuso",
  "glass cleaner": "limpa vidro",
  sponge: "esponja",
  "steel wool": "palha de aco",
  "trash bag": "saco de lixo",
  "garbage bag": "saco de lixo",
  "bin bag": "saco de lixo",
  "paper towel": "papel toalha",
  "kitchen towel": "papel toalha",
  "toilet paper": "papel higienico",
  "toilet roll": "papel higienico",
  "bathroom tissue": "papel higienico",
  napkin: "guardanapo",
  "aluminum foil": "papel aluminio",
  "aluminium foil": "papel aluminio",
  "tin foil": "papel aluminio",
  "cling film": "papel filme",
  "plastic wrap": "papel filme",
  match: "fosforo",
  candle: "vela",
  alcohol: "alcool",
  "rubbing alcohol": "alcool",
  insecticide: "inseticida",
  broom: "vassoura",
  // Hygiene
  soap: "sabonete",
  "hand soap": "sabonete",
  "bath soap": "sabonete",
  toothpaste: "creme dental",
  toothbrush: "escova de dente",
  "dental floss": "fio dental",
  shampoo: "shampoo",
  conditioner: "condicionador",
  deodorant: "desodorante",
  diaper: "fralda",
  nappy: "fralda",
  "sanitary pad": "absorvente",
  "cotton swab": "cotonete",
  "cotton wool": "algodao",
  "wet wipe": "lenco umedecido",
  "baby wipe": "lenco umedecido",
  tissue: "lenco de papel",
  razor: "aparelho de barbear",
};

/**
 * English modifiers and their Portuguese form, which follows the noun and agrees with it
 * ("black beans" → "feijão preto", "red apples" → "maçã vermelha"). Written in the masculine.
 */
const MODIFIERS: Record<string, string> = {
  red: "vermelho",
  green: "verde",
  yellow: "amarelo",
  white: "branco",
  black: "preto",
  purple: "roxo",
  brown: "integral",
  whole: "inteiro",
  "whole wheat": "integral",
  "whole grain": "integral",
  wholemeal: "integral",
  wholegrain: "integral",
  sweet: "doce",
  fresh: "fresco",
  frozen: "congelado",
  chilled: "resfriado",
  ripe: "maduro",
  dried: "seco",
  dry: "seco",
  smoked: "defumado",
  grated: "ralado",
  shredded: "ralado",
  ground: "moido",
  minced: "moido",
  sliced: "fatiado",
  peeled: "descascado",
  boneless: "sem osso",
  skinless: "sem pele",
  seedless: "sem semente",
  salted: "com sal",
  unsalted: "sem sal",
  organic: "organico",
  large: "grande",
  big: "grande",
  small: "pequeno",
  medium: "medio",
  mineral: "mineral",
  sparkling: "com gas",
  carbonated: "com gas",
  natural: "natural",
  plain: "natural",
  skim: "desnatado",
  skimmed: "desnatado",
  "semi skimmed": "semidesnatado",
  condensed: "condensado",
  evaporated: "evaporado",
  powdered: "em po",
  canned: "em lata",
  tinned: "em lata",
  roasted: "torrado",
  toasted: "torrado",
  instant: "soluvel",
  raw: "cru",
  cooked: "cozido",
  italian: "italiano",
  japanese: "japones",
  french: "frances",
  american: "americano",
  curly: "crespo",
  sicilian: "siciliano",
  "free range": "caipira",
  "extra virgin": "extra virgem",
  virgin: "virgem",
  refined: "refinado",
  crystal: "cristal",
  coarse: "grosso",
  "long grain": "agulhinha",
  parboiled: "parboilizado",
  liquid: "liquido",
};

/**
 * The form some nouns take when they describe another noun ("pork ribs" → "costela suína", "beef liver" →
 * "fígado bovino"). Any other noun describes as itself, the "de" of "água de coco" being dropped anyway.
 */
const NOUNS_AS_MODIFIERS: Record<string, string> = {
  pork: "suino",
  beef: "bovino",
  cow: "vaca",
};

/** Portuguese nouns not ending in "a" that are feminine, and nouns ending in "a" that are masculine. */
const FEMININE_NOUNS = new Set(["carne", "couve", "alface", "vagem", "noz", "costela", "pele", "erva"]);
const MASCULINE_NOUNS = new Set(["maracuja", "guarana", "fuba", "cha", "acafrao"]);

interface Entry {
  /** Portuguese words in Portuguese order, without articles and prepositions. */
  words: readonly string[];
  /** The words when this noun describes the noun after it in English; absent for modifiers. */
  asModifier: readonly string[] | null;
  /** A modifier follows its noun in Portuguese and agrees with it. */
  modifier: boolean;
  /** Written in the plural ("tomatoes"): a product of its own, never a description of the next word. */
  plural: boolean;
}

function phraseWords(text: string): string[] {
  return text.split(/[\s-]+/).filter((word) => word.length > 0 && !CONNECTING_WORDS.has(word));
}

function pluralsOf(word: string): string[] {
  if (/[^aeiou]y$/.test(word)) return [`${word.slice(0, -1)}ies`, `${word}s`];
  if (/(?:o|ch|sh|s|x|z)$/.test(word)) return [`${word}es`, `${word}s`];
  if (word.endsWith("f")) return [`${word.slice(0, -1)}ves`, `${word}s`];
  return [`${word}s`];
}

const TRANSLATIONS = new Map<string, Entry>();
let longestPhrase = 1;
const plurals: [string, Entry][] = [];
for (const [english, portuguese] of Object.entries(NOUNS)) {
  const words = phraseWords(english);
  const modifierForm = NOUNS_AS_MODIFIERS[english];
  const entry: Entry = {
    words: phraseWords(portuguese),
    asModifier: modifierForm ? phraseWords(modifierForm) : null,
    modifier: false,
    plural: false,
  };
  TRANSLATIONS.set(words.join(" "), entry);
  longestPhrase = Math.max(longestPhrase, words.length);
  for (const plural of pluralsOf(words[words.length - 1] as string)) {
    plurals.push([[...words.slice(0, -1), plural].join(" "), { ...entry, plural: true }]);
  }
}
for (const [english, portuguese] of Object.entries(MODIFIERS)) {
  const key = phraseWords(english).join(" ");
  TRANSLATIONS.set(key, { words: phraseWords(portuguese), asModifier: null, modifier: true, plural: false });
  longestPhrase = Math.max(longestPhrase, key.split(" ").length);
}
for (const [english, portuguese] of Object.entries(NOUNS_AS_MODIFIERS)) {
  if (TRANSLATIONS.has(english)) continue;
  TRANSLATIONS.set(english, { words: phraseWords(portuguese), asModifier: null, modifier: true, plural: false });
}
// Listed phrases win over generated plurals ("fish" is not the plural of anything).
for (const [key, entry] of plurals) if (!TRANSLATIONS.has(key)) TRANSLATIONS.set(key, entry);

/** Translated words, each with the span of input words it came from (for mapping matches back). */
export interface Translation {
  words: string[];
  sourceStart: number[];
  sourceEnd: number[];
}

/** A stretch of the input: a glossary phrase, words the glossary does not know, or a word that ends a name. */
type Part = NamePart | { kind: "other"; word: string; start: number; end: number };
/** A part that can belong to a product's name. */
type NamePart =
  | { kind: "entry"; entry: Entry; start: number; end: number }
  | { kind: "unknown"; words: string[]; start: number; end: number };

const LETTERS = /^[a-z]+$/;

/** Words that can be part of a product's name: not amounts, units, verbs of ordering, politeness or small talk. */
function namesGoods(word: string): boolean {
  return LETTERS.test(word) && unitWord(word) === undefined && isProductCandidate(word);
}

function glossaryPhraseAt(words: readonly string[], index: number): { entry: Entry; length: number } | null {
  for (let length = Math.min(longestPhrase, words.length - index); length >= 1; length--) {
    const entry = TRANSLATIONS.get(
      length === 1 ? (words[index] as string) : words.slice(index, index + length).join(" "),
    );
    if (entry) return { entry, length };
  }
  return null;
}

function splitParts(words: readonly string[]): Part[] {
  const parts: Part[] = [];
  let index = 0;
  while (index < words.length) {
    const word = words[index] as string;
    const found = glossaryPhraseAt(words, index);
    if (found) {
      parts.push({ kind: "entry", entry: found.entry, start: index, end: index + found.length });
      index += found.length;
      continue;
    }
    const previous = parts[parts.length - 1];
    if (!namesGoods(word)) parts.push({ kind: "other", word, start: index, end: index + 1 });
    // Unknown words next to each other stay together and in their order: "minas frescal cheese".
    else if (previous?.kind === "unknown" && previous.end === index) {
      previous.words.push(word);
      previous.end = index + 1;
    } else parts.push({ kind: "unknown", words: [word], start: index, end: index + 1 });
    index++;
  }
  return parts;
}

function isFeminine(noun: string): boolean {
  if (FEMININE_NOUNS.has(noun)) return true;
  return noun.endsWith("a") && !MASCULINE_NOUNS.has(noun);
}

/** A one-word Portuguese adjective in the gender of its noun: "moído" → "moída" for "carne". */
function agree(words: readonly string[], feminine: boolean): readonly string[] {
  const only = words[0];
  if (!feminine || words.length !== 1 || !only?.endsWith("o")) return words;
  return [`${only.slice(0, -1)}a`];
}

/**
 * English puts the describing words first and the noun last ("minas cheese", "coconut water", "chicken
 * breast"); Portuguese puts the noun first ("queijo minas", "água de coco", "peito de frango"). A name of
 * several parts is turned around when its last part is a noun and nothing before it is a plural, since
 * "tomatoes onions" is a list, not a name. Returns the Portuguese words of each part, in order.
 */
function reorderName(name: readonly NamePart[]): (readonly string[])[] | null {
  const last = name[name.length - 1];
  if (name.length < 2 || !last || (last.kind === "entry" && last.entry.modifier)) return null;
  if (name.slice(0, -1).some((part) => part.kind === "entry" && part.entry.plural)) return null;
  if (!name.some((part) => part.kind === "entry")) return null;
  const headWord = last.kind === "entry" ? last.entry.words[0] : undefined;
  const feminine = headWord !== undefined && isFeminine(headWord);
  return [...name].reverse().map((part, position) => {
    if (part.kind === "unknown") return part.words;
    if (position === 0) return part.entry.words;
    if (part.entry.modifier) return agree(part.entry.words, feminine);
    return part.entry.asModifier ? agree(part.entry.asModifier, feminine) : part.entry.words;
  });
}

/**
 * Replaces English product words by their Portuguese names, longest phrase first (["red", "onions"] →
 * ["cebola", "roxa"]), and turns English compound names into Portuguese order (["minas", "cheese"] →
 * ["queijo", "minas"]). Words the glossary does not know are kept as they are. Returns null when nothing was
 * translated, so the caller can skip a second lookup.
 */
export function translateEnglish(words: readonly string[]): Translation | null {
  const translation: Translation = { words: [], sourceStart: [], sourceEnd: [] };
  const emit = (portuguese: readonly string[], start: number, end: number): void => {
    for (const word of portuguese) {
      translation.words.push(word);
      translation.sourceStart.push(start);
      translation.sourceEnd.push(end);
    }
  };
  const parts = splitParts(words);
  if (!parts.some((part) => part.kind === "entry")) return null;
  let index = 0;
  while (index < parts.length) {
    const part = parts[index] as Part;
    if (part.kind === "other") {
      emit([part.word], part.start, part.end);
      index++;
      continue;
    }
    const name: NamePart[] = [part];
    for (let next = parts[index + 1]; next && next.kind !== "other"; next = parts[index + name.length]) name.push(next);
    const reordered = reorderName(name);
    if (reordered) {
      // A match inside the turned-around name maps back to the whole name as the customer wrote it.
      const stop = (name[name.length - 1] as NamePart).end;
      for (const portuguese of reordered) emit(portuguese, part.start, stop);
    } else {
      for (const piece of name) {
        if (piece.kind === "entry") emit(piece.entry.words, piece.start, piece.end);
        else
          for (const [offset, word] of piece.words.entries())
            emit([word], piece.start + offset, piece.start + offset + 1);
      }
    }
    index += name.length;
  }
  return translation;
}
