/**
 * Throughput of understandMessage: the project's corpus read over and over, on one thread, against a
 * 500-product catalog (the example catalog plus generated products with realistic names).
 * Run: npx tsx bench/understand/run.ts [seconds]
 */
import { loadCorpus } from "../../bot/understand/test-support/load-example-catalog.ts";
import { compileCatalog, understandMessage } from "../../bot/understand/understand-message.ts";
import type { CatalogEntry } from "../../core/domain/catalog.ts";
import type { Unit } from "../../core/domain/units.ts";
import { exampleCatalog } from "../../test/support/example-catalog.ts";
import { percentile } from "../support/latency.ts";

const CATALOG_SIZE = 500;
const seconds = Number(process.argv[2] ?? 4);

interface CatalogFile {
  products: { sku: string; name: string; unit: Unit; category?: string; aliases?: string[] }[];
}

const example = exampleCatalog() as unknown as CatalogFile;
const corpus = loadCorpus().map((line) => line.text);

const BASES: [string, Unit, string[]][] = [
  ["Alho", "kg", ["alhos", "cabeça de alho"]],
  ["Abobrinha", "kg", ["abobrinhas"]],
  ["Beterraba", "kg", ["beterrabas"]],
  ["Berinjela", "kg", ["berinjelas"]],
  ["Brócolis", "maco", ["brocolis"]],
  ["Couve-flor", "un", ["couve flor"]],
  ["Espinafre", "maco", []],
  ["Quiabo", "kg", ["quiabos"]],
  ["Jiló", "kg", ["jilo"]],
  ["Maxixe", "kg", []],
  ["Pepino", "kg", ["pepinos"]],
  ["Rabanete", "maco", []],
  ["Repolho", "un", ["repolhos"]],
  ["Rúcula", "maco", ["rucula"]],
  ["Agrião", "maco", ["agriao"]],
  ["Hortelã", "maco", ["hortela"]],
  ["Manjericão", "maco", ["manjericao"]],
  ["Salsa", "maco", ["salsinha"]],
  ["Gengibre", "kg", []],
  ["Inhame", "kg", []],
  ["Cará", "kg", ["cara"]],
  ["Milho Verde", "un", ["espiga de milho"]],
  ["Vagem", "kg", []],
  ["Ervilha Fresca", "kg", ["ervilha"]],
  ["Goiaba", "kg", ["goiabas"]],
  ["Acerola", "kg", []],
  ["Maracujá", "kg", ["maracuja"]],
  ["Caju", "bandeja", ["cajus"]],
  ["Pitanga", "bandeja", []],
  ["Seriguela", "kg", ["ciriguela"]],
  ["Graviola", "kg", []],
  ["Pinha", "un", ["fruta do conde"]],
  ["Jaca", "un", []],
  ["Coco Verde", "un", ["coco"]],
  ["Abacate", "kg", ["abacates"]],
  ["Kiwi", "kg", []],
  ["Pera", "kg", ["peras"]],
  ["Pêssego", "kg", ["pessego"]],
  ["Ameixa", "kg", []],
  ["Tangerina", "kg", ["mexerica", "bergamota"]],
  ["Melão", "un", ["melao"]],
  ["Carne Moída", "kg", ["carne moida"]],
  ["Carne de Sol", "kg", []],
  ["Linguiça Toscana", "kg", ["linguica"]],
  ["Costela Bovina", "kg", ["costela"]],
  ["Peito de Frango", "kg", ["peito"]],
  ["Filé de Tilápia", "kg", ["tilapia"]],
  ["Camarão", "kg", ["camarao"]],
  ["Pão Francês", "un", ["pao", "pães", "carioquinha"]],
  ["Pão de Queijo", "kg", []],
  ["Bolo de Milho", "un", []],
  ["Tapioca", "kg", ["goma"]],
  ["Cuscuz", "pct", ["flocão"]],
  ["Açúcar Cristal", "pct", ["acucar"]],
  ["Sal Refinado", "pct", ["sal"]],
  ["Óleo de Soja", "un", ["oleo"]],
  ["Macarrão Espaguete", "pct", ["macarrao"]],
  ["Leite Condensado", "un", []],
  ["Requeijão", "un", ["requeijao"]],
  ["Água Mineral", "cx", ["agua"]],
  ["Suco de Caju", "l", []],
  ["Polpa de Acerola", "pct", []],
];
const VARIETIES = ["", "Orgânico", "Extra", "Selecionado", "Graúdo", "Miúdo", "da Serra", "Especial", "Tipo A"];

function generatedProducts(count: number): CatalogEntry[] {
  const products: CatalogEntry[] = [];
  for (const variety of VARIETIES) {
    for (const [base, unit, aliases] of BASES) {
      if (products.length >= count) return products;
      const name = variety ? `${base} ${variety}` : base;
      const sku = name
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-");
      products.push({ sku, name, unit, aliases: variety ? [] : aliases, category: "Gerados" });
    }
  }
  return products;
}

const base: CatalogEntry[] = example.products.map((product) => ({
  sku: product.sku,
  name: product.name,
  unit: product.unit,
  aliases: product.aliases ?? [],
  category: product.category ?? null,
}));
const entries = [...base, ...generatedProducts(CATALOG_SIZE - base.length)];

const compileStart = process.hrtime.bigint();
const catalog = compileCatalog(entries);
const compileMicros = Number(process.hrtime.bigint() - compileStart) / 1000;

// Warm up so the figures describe the optimised code, not the interpreter.
for (let round = 0; round < 200; round++) for (const text of corpus) understandMessage(text, catalog);

const durations: number[] = [];
let messages = 0;
const started = process.hrtime.bigint();
const deadline = started + BigInt(Math.round(seconds * 1e9));
let now = started;
while (now < deadline) {
  for (const text of corpus) {
    const before = process.hrtime.bigint();
    understandMessage(text, catalog);
    now = process.hrtime.bigint();
    durations.push(Number(now - before) / 1000);
    messages++;
  }
}
const elapsedSeconds = Number(now - started) / 1e9;
durations.sort((first, second) => first - second);

console.log(`catalog: ${catalog.products.size} products, compiled in ${(compileMicros / 1000).toFixed(1)} ms`);
console.log(
  `corpus: ${corpus.length} messages, read ${messages} times in ${elapsedSeconds.toFixed(2)} s on one thread`,
);
console.log(`throughput: ${Math.round(messages / elapsedSeconds).toLocaleString("en-US")} messages/s (target 20,000)`);
console.log(
  `latency per message: p50 ${percentile(durations, 0.5).toFixed(1)} µs, p99 ${percentile(durations, 0.99).toFixed(1)} µs, max ${percentile(durations, 1).toFixed(1)} µs`,
);
