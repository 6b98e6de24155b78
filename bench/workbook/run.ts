/**
 * Workbook writer benchmark: every workbook of a 5,000-order batch close (5 items each, 20 providers): the packing
 * workbook (Resumo, Mapa, Pedidos) and the 20 provider workbooks, written to files with exceljs's streaming writer.
 * Prints, for each of five rounds, the time for all of them (the packing workbook's rows/s, the providers' time)
 * and holds the medians and the peak RSS to the targets. When Go is installed each round also runs
 * bench/workbook/excelize, Go's excelize StreamWriter writing the same workbooks, right after ours: the time to beat.
 *
 *   npx tsx bench/workbook/run.ts [orders] [items per order]
 */
import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lineTotal } from "../../core/domain/money.ts";
import { UNITS } from "../../core/domain/units.ts";
import type {
  OrderLine,
  PackingOrder,
  ProviderLine,
  SheetTitle,
  SummaryLine,
} from "../../sheets/workbooks/sheet-source.ts";
import { writePackingWorkbook } from "../../sheets/workbooks/write-packing-workbook.ts";
import { writeProviderWorkbook } from "../../sheets/workbooks/write-provider-workbook.ts";

const ORDERS = Number(process.argv[2] ?? 5_000);
const ITEMS_PER_ORDER = Number(process.argv[3] ?? 5);
const PROVIDERS = 20;
const PRODUCTS = 200;
const TARGET_ROWS_PER_SECOND = 100_000;
const TARGET_PEAK_RSS_MB = 250;
/** Runs of ours and of Go's, in turn. */
const ROUNDS = 5;
const HERE = path.dirname(fileURLToPath(import.meta.url));

interface Product {
  key: string;
  name: string;
  unit: OrderLine["unit"];
  priceCents: number;
  costCents: number | null;
  providerName: string;
}

const FIRST_NAMES = ["Maria", "José", "Ana", "João", "Francisca", "Antônio", "Adriana", "Carlos", "Juliana", "Paulo"];
const title: SheetTitle = { businessName: "SISCONF", batchNumber: 1, closedAt: new Date() };

/** A deterministic pseudo-random sequence, so every run writes the same batch. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function makeBatch() {
  const next = random(42);
  const products: Product[] = Array.from({ length: PRODUCTS }, (_, index) => {
    const priceCents = 100 + Math.floor(next() * 5_000);
    return {
      key: String(index + 1),
      name: `Produto ${index + 1} ${"orgânico ".repeat(index % 3)}`.trim(),
      unit: UNITS[index % UNITS.length] ?? "un",
      priceCents,
      // One product in ten has no cost in the catalog.
      costCents: index % 10 === 9 ? null : Math.round(priceCents * 0.7),
      providerName: `Fornecedor ${(index % PROVIDERS) + 1}`,
    };
  });
  const totals = new Map<Product, SummaryLine>();
  const orders: PackingOrder[] = [];
  for (let number = 1; number <= ORDERS; number++) {
    const lines: OrderLine[] = [];
    for (let item = 0; item < ITEMS_PER_ORDER; item++) {
      const product = products[Math.floor(next() * PRODUCTS)] as Product;
      const quantityMilli = (1 + Math.floor(next() * 40)) * 250;
      const line: OrderLine = {
        productKey: product.key,
        productName: product.name,
        unit: product.unit,
        quantityMilli,
        unitPriceCents: product.priceCents,
        totalCents: lineTotal(product.priceCents, quantityMilli),
        providerName: product.providerName,
      };
      lines.push(line);
      const summed = totals.get(product) ?? { ...line, quantityMilli: 0, totalCents: 0, totalCostCents: null };
      summed.quantityMilli += quantityMilli;
      summed.totalCents += line.totalCents;
      summed.totalCostCents = product.costCents === null ? null : lineTotal(product.costCents, summed.quantityMilli);
      totals.set(product, summed);
    }
    const customerName = number % 7 === 0 ? null : `${FIRST_NAMES[number % FIRST_NAMES.length]} da Silva`;
    orders.push({
      number,
      customerName,
      phone: `55849${String(number).padStart(8, "0")}`,
      delivery:
        number % 3 === 0
          ? { kind: "delivery", address: `Rua ${number}, ${number % 200} — Centro` }
          : { kind: "pickup" },
      totalCents: lines.reduce((sum, line) => sum + line.totalCents, 0),
      lines,
    });
  }
  const providerLines = new Map<string, ProviderLine[]>();
  for (const [product, summed] of totals) {
    const lines = providerLines.get(product.providerName) ?? [];
    lines.push({
      productName: product.name,
      unit: product.unit,
      quantityMilli: summed.quantityMilli,
      unitCostCents: product.costCents,
      totalCostCents: summed.totalCostCents,
    });
    providerLines.set(product.providerName, lines);
  }
  return { summary: [...totals.values()], orders, providerLines };
}

function sampleRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

function verdict(met: boolean): string {
  return met ? "met" : "NOT met";
}

async function main(): Promise<void> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "sisconf-bench-workbook-"));
  try {
    const batch = makeBatch();
    const baseline = process.memoryUsage().rss;
    console.log(
      `batch: ${ORDERS} orders × ${ITEMS_PER_ORDER} items, ${batch.summary.length} products, ` +
        `${PROVIDERS} providers; RSS with the batch in memory ${(baseline / 1024 / 1024).toFixed(0)} MB`,
    );
    // A worker's first close loads and compiles the writer's modules; the figures are those of a worker that has
    // closed a batch before (here a small one: 50 orders and every provider's workbook), as every close after the
    // first since a start.
    await writePackingWorkbook(
      { locale: "pt-BR", title, summary: batch.summary, orders: batch.orders.slice(0, 50) },
      createWriteStream(path.join(directory, "warm-up.xlsx")),
    );
    for (const [providerName, lines] of batch.providerLines) {
      await writeProviderWorkbook(
        { locale: "pt-BR", title, providerName, lines },
        createWriteStream(path.join(directory, "warm-up-provider.xlsx")),
      );
    }
    const sampler = sampleRss();
    const excelize = buildExcelize(directory);
    // Ours and Go's in turn, ROUNDS times, compared by their medians: on a shared machine one run of each depends on
    // which of the two the neighbours slowed.
    const ours: CloseWritten[] = [];
    const theirs: Seconds[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const written = await writeClose(directory, batch);
      ours.push(written);
      const go = excelize === null ? null : runExcelize(excelize);
      if (go !== null) theirs.push(go);
      console.log(
        `round ${round}: every workbook of the close (${1 + batch.providerLines.size}): ${written.rows} rows in ` +
          `${written.seconds.toFixed(3)} s (packing ${written.packingRowsPerSecond} rows/s, providers ` +
          `${written.providerSeconds.toFixed(3)} s), CPU ${written.cpuSeconds.toFixed(3)} s` +
          (go === null
            ? ""
            : `; Go's excelize StreamWriter ${go.seconds.toFixed(3)} s, CPU ${go.cpuSeconds.toFixed(3)} s`),
      );
    }
    const peakMegabytes = sampler.stop() / 1024 / 1024;
    const packingRowsPerSecond = median(ours.map((written) => written.packingRowsPerSecond));
    const packingMet = packingRowsPerSecond >= TARGET_ROWS_PER_SECOND;
    const memoryMet = peakMegabytes < TARGET_PEAK_RSS_MB;
    console.log(
      `packing workbook: median ${packingRowsPerSecond} rows/s (target ≥ ${TARGET_ROWS_PER_SECOND}: ${verdict(packingMet)})`,
    );
    console.log(`peak RSS: ${peakMegabytes.toFixed(0)} MB (target < ${TARGET_PEAK_RSS_MB} MB: ${verdict(memoryMet)})`);
    let goMet = true;
    if (theirs.length > 0) {
      const seconds = median(ours.map((written) => written.seconds));
      const cpuSeconds = median(ours.map((written) => written.cpuSeconds));
      const goSeconds = median(theirs.map((go) => go.seconds));
      const goCpuSeconds = median(theirs.map((go) => go.cpuSeconds));
      // Processor time depends on the neighbours much less than the clock does, so both are held.
      goMet = seconds <= goSeconds && cpuSeconds <= goCpuSeconds;
      console.log(
        `every workbook, median of ${ROUNDS}: ${seconds.toFixed(3)} s, CPU ${cpuSeconds.toFixed(3)} s against Go's ` +
          `excelize StreamWriter ${goSeconds.toFixed(3)} s, CPU ${goCpuSeconds.toFixed(3)} s ` +
          `(target: no slower: ${verdict(goMet)})`,
      );
    }
    if (!packingMet || !memoryMet || !goMet) process.exitCode = 1;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

interface Seconds {
  seconds: number;
  cpuSeconds: number;
}

interface CloseWritten extends Seconds {
  rows: number;
  packingRowsPerSecond: number;
  providerSeconds: number;
}

/** Every workbook of the close, one after the other, as one worker writes them. */
async function writeClose(directory: string, batch: ReturnType<typeof makeBatch>): Promise<CloseWritten> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const packing = await writePackingWorkbook(
    { locale: "pt-BR", title, summary: batch.summary, orders: batch.orders },
    createWriteStream(path.join(directory, "consolidado-1.xlsx")),
  );
  const packingSeconds = (performance.now() - started) / 1000;
  let rows = packing.rows;
  for (const [providerName, lines] of batch.providerLines) {
    const written = await writeProviderWorkbook(
      { locale: "pt-BR", title, providerName, lines },
      createWriteStream(path.join(directory, `${providerName}.xlsx`)),
    );
    rows += written.rows;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  return {
    rows,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    packingRowsPerSecond: Math.round(packing.rows / packingSeconds),
    providerSeconds: seconds - packingSeconds,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Builds the Go yardstick; null (and says why) when Go is not installed. */
function buildExcelize(directory: string): string | null {
  const go = [process.env.GO, "/usr/local/go/bin/go", "/usr/bin/go"].find(
    (candidate) => candidate && existsSync(candidate),
  );
  if (!go) {
    console.log("Go is not installed: no comparison with excelize");
    return null;
  }
  const binary = path.join(directory, "excelize-bench");
  execFileSync(go, ["build", "-o", binary, "."], { cwd: path.join(HERE, "excelize"), stdio: "inherit" });
  return binary;
}

/** One run of the Go yardstick on the same batch, writing every workbook of the close. */
function runExcelize(binary: string): Seconds | null {
  const output = execFileSync(binary, [String(ORDERS), String(ITEMS_PER_ORDER)], { encoding: "utf8" });
  const figures = /every workbook \(\d+\) ([\d.]+) s, CPU ([\d.]+) s/.exec(output);
  return figures ? { seconds: Number(figures[1]), cpuSeconds: Number(figures[2]) } : null;
}

await main();
