/**
 * Workbook writer benchmark: every workbook of a 5,000-order batch close (5 items each, 20 providers): the packing
 * workbook (Resumo, Mapa, Pedidos) and the 20 provider workbooks, written to files with exceljs's streaming writer.
 * Prints rows/s per workbook, the time for all of them and the peak RSS, and holds them to the targets. When Go is
 * installed it also runs bench/workbook/excelize, Go's excelize StreamWriter writing the same workbooks, on the
 * same machine at the same moment: the time to beat.
 *
 *   npx tsx bench/workbook/run.ts [orders] [items per order]
 */
import { execFileSync } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
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
  WorkbookWritten,
} from "../../sheets/workbooks/sheet-source.ts";
import { writePackingWorkbook } from "../../sheets/workbooks/write-packing-workbook.ts";
import { writeProviderWorkbook } from "../../sheets/workbooks/write-provider-workbook.ts";

const ORDERS = Number(process.argv[2] ?? 5_000);
const ITEMS_PER_ORDER = Number(process.argv[3] ?? 5);
const PROVIDERS = 20;
const PRODUCTS = 200;
const TARGET_ROWS_PER_SECOND = 100_000;
const TARGET_PEAK_RSS_MB = 250;
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

interface Timed {
  rows: number;
  rowsPerSecond: number;
}

async function timed(label: string, file: string, write: () => Promise<WorkbookWritten>): Promise<Timed> {
  const started = performance.now();
  const written = await write();
  const seconds = (performance.now() - started) / 1000;
  const { size } = await stat(file);
  const rate = Math.round(written.rows / seconds);
  console.log(
    `${label.padEnd(34)} ${String(written.rows).padStart(7)} rows ${String(written.sheets).padStart(5)} sheets ` +
      `${seconds.toFixed(3).padStart(7)} s ${String(rate).padStart(8)} rows/s ${(size / 1024 / 1024).toFixed(2)} MB`,
  );
  return { rows: written.rows, rowsPerSecond: rate };
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
    const started = performance.now();
    const cpuStarted = process.cpuUsage();

    const packingFile = path.join(directory, "consolidado-1.xlsx");
    const packing = await timed("packing workbook", packingFile, () =>
      writePackingWorkbook(
        { locale: "pt-BR", title, summary: batch.summary, orders: batch.orders },
        createWriteStream(packingFile),
      ),
    );
    let rows = packing.rows;
    const providersStarted = performance.now();
    let providerRows = 0;
    for (const [providerName, lines] of batch.providerLines) {
      const file = path.join(directory, `${providerName}.xlsx`);
      const written = await writeProviderWorkbook(
        { locale: "pt-BR", title, providerName, lines },
        createWriteStream(file),
      );
      providerRows += written.rows;
    }
    const providerSeconds = (performance.now() - providersStarted) / 1000;
    rows += providerRows;
    console.log(
      `${`${batch.providerLines.size} provider workbooks`.padEnd(34)} ${String(providerRows).padStart(7)} rows ` +
        `${providerSeconds.toFixed(3).padStart(13)} s ${String(Math.round(providerRows / providerSeconds)).padStart(8)} rows/s`,
    );

    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const peakMegabytes = sampler.stop() / 1024 / 1024;
    console.log(
      `every workbook of the close (${1 + batch.providerLines.size}): ${rows} rows in ${seconds.toFixed(3)} s = ` +
        `${Math.round(rows / seconds)} rows/s, CPU ${cpuSeconds.toFixed(3)} s`,
    );
    const packingMet = packing.rowsPerSecond >= TARGET_ROWS_PER_SECOND;
    const memoryMet = peakMegabytes < TARGET_PEAK_RSS_MB;
    console.log(
      `packing workbook: ${packing.rowsPerSecond} rows/s (target ≥ ${TARGET_ROWS_PER_SECOND}: ${verdict(packingMet)})`,
    );
    console.log(`peak RSS: ${peakMegabytes.toFixed(0)} MB (target < ${TARGET_PEAK_RSS_MB} MB: ${verdict(memoryMet)})`);
    const go = excelizeSeconds(directory);
    // On a shared machine the clock depends on the neighbours; processor time much less, so both are held.
    const goMet = go === null || (seconds <= go.seconds && cpuSeconds <= go.cpuSeconds);
    if (go !== null) {
      console.log(
        `every workbook: ${seconds.toFixed(3)} s, CPU ${cpuSeconds.toFixed(3)} s against Go's excelize StreamWriter ` +
          `${go.seconds.toFixed(3)} s, CPU ${go.cpuSeconds.toFixed(3)} s (target: no slower: ${verdict(goMet)})`,
      );
    }
    if (!packingMet || !memoryMet || !goMet) process.exitCode = 1;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Builds and runs the Go yardstick on the same batch; null (and says why) when Go is not installed. */
function excelizeSeconds(directory: string): { seconds: number; cpuSeconds: number } | null {
  const go = [process.env.GO, "/usr/local/go/bin/go", "/usr/bin/go"].find(
    (candidate) => candidate && existsSync(candidate),
  );
  if (!go) {
    console.log("Go is not installed: no comparison with excelize");
    return null;
  }
  const binary = path.join(directory, "excelize-bench");
  execFileSync(go, ["build", "-o", binary, "."], { cwd: path.join(HERE, "excelize"), stdio: "inherit" });
  const output = execFileSync(binary, [String(ORDERS), String(ITEMS_PER_ORDER)], { encoding: "utf8" });
  process.stdout.write(output);
  const figures = /every workbook \(\d+\) ([\d.]+) s, CPU ([\d.]+) s/.exec(output);
  return figures ? { seconds: Number(figures[1]), cpuSeconds: Number(figures[2]) } : null;
}

await main();
