/**
 * Workbook writer benchmark: the consolidated workbook of a 5,000-order batch (5 items each) and the provider
 * workbooks of the same batch, written to files with exceljs's streaming writer. Prints rows/s and peak RSS, and
 * holds each figure to the targets on its own: the consolidated workbook's 5,001 worksheets cost far more than its
 * rows, so a rate over every workbook together would hide both the single-sheet and the consolidated figure.
 *
 *   npx tsx bench/workbook/run.ts [orders] [items per order]
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { lineTotal } from "../../core/domain/money.ts";
import { UNITS } from "../../core/domain/units.ts";
import type { OrderSheetSource, SheetLine, WorkbookWritten } from "../../sheets/workbooks/sheet-source.ts";
import { writeConsolidatedWorkbook } from "../../sheets/workbooks/write-consolidated-workbook.ts";
import { writeProviderWorkbook } from "../../sheets/workbooks/write-provider-workbook.ts";

const ORDERS = Number(process.argv[2] ?? 5_000);
const ITEMS_PER_ORDER = Number(process.argv[3] ?? 5);
const PROVIDERS = 20;
const PRODUCTS = 200;
const TARGET_ROWS_PER_SECOND = 100_000;
const TARGET_PEAK_RSS_MB = 300;

interface Product {
  name: string;
  unit: SheetLine["unit"];
  priceCents: number;
  providerName: string;
}

const FIRST_NAMES = ["Maria", "José", "Ana", "João", "Francisca", "Antônio", "Adriana", "Carlos", "Juliana", "Paulo"];

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
  const products: Product[] = Array.from({ length: PRODUCTS }, (_, index) => ({
    name: `Produto ${index + 1} ${"orgânico ".repeat(index % 3)}`.trim(),
    unit: UNITS[index % UNITS.length] ?? "un",
    priceCents: 100 + Math.floor(next() * 5_000),
    providerName: `Fornecedor ${(index % PROVIDERS) + 1}`,
  }));
  const totals = new Map<Product, SheetLine>();
  const orders: OrderSheetSource[] = [];
  for (let number = 1; number <= ORDERS; number++) {
    const lines: SheetLine[] = [];
    for (let item = 0; item < ITEMS_PER_ORDER; item++) {
      const product = products[Math.floor(next() * PRODUCTS)] as Product;
      const quantityMilli = (1 + Math.floor(next() * 40)) * 250;
      const line: SheetLine = {
        productName: product.name,
        unit: product.unit,
        quantityMilli,
        unitPriceCents: product.priceCents,
        totalCents: lineTotal(product.priceCents, quantityMilli),
        providerName: product.providerName,
      };
      lines.push(line);
      const summed = totals.get(product);
      if (summed) {
        summed.quantityMilli += quantityMilli;
        summed.totalCents += line.totalCents;
      } else totals.set(product, { ...line });
    }
    const customerName = number % 7 === 0 ? null : `${FIRST_NAMES[number % FIRST_NAMES.length]} da Silva`;
    orders.push({ number, customerName, phone: `55119${String(number).padStart(8, "0")}`, lines });
  }
  return { summary: [...totals.values()], orders };
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
      `batch: ${ORDERS} orders × ${ITEMS_PER_ORDER} items, ${batch.summary.length} summary lines, ` +
        `${PROVIDERS} providers; RSS with the batch in memory ${(baseline / 1024 / 1024).toFixed(0)} MB`,
    );
    const sampler = sampleRss();
    const started = performance.now();
    let rows = 0;

    const consolidatedFile = path.join(directory, "consolidado-1.xlsx");
    const consolidated = await timed("consolidated workbook", consolidatedFile, () =>
      writeConsolidatedWorkbook(
        { locale: "pt-BR", summary: batch.summary, orders: batch.orders },
        createWriteStream(consolidatedFile),
      ),
    );
    rows += consolidated.rows;

    for (let provider = 1; provider <= PROVIDERS; provider++) {
      const providerName = `Fornecedor ${provider}`;
      const file = path.join(directory, `fornecedor-${provider}-1.xlsx`);
      const lines = batch.summary.filter((line) => line.providerName === providerName);
      const write = () => writeProviderWorkbook({ locale: "pt-BR", lines }, createWriteStream(file));
      if (provider === 1) rows += (await timed(`provider workbook (1 of ${PROVIDERS})`, file, write)).rows;
      else rows += (await write()).rows;
    }

    // A provider sheet as long as the whole batch: the single-sheet throughput of the writer.
    const longFile = path.join(directory, "long-provider.xlsx");
    const longLines = batch.orders.flatMap((order) => order.lines);
    const singleSheet = await timed("provider workbook, one 25k-row sheet", longFile, () =>
      writeProviderWorkbook({ locale: "pt-BR", lines: longLines }, createWriteStream(longFile)),
    );
    rows += singleSheet.rows;

    const seconds = (performance.now() - started) / 1000;
    const peakMegabytes = sampler.stop() / 1024 / 1024;
    const rate = Math.round(rows / seconds);
    console.log(`all workbooks together: ${rows} rows in ${seconds.toFixed(3)} s = ${rate} rows/s`);
    const singleMet = singleSheet.rowsPerSecond >= TARGET_ROWS_PER_SECOND;
    const consolidatedMet = consolidated.rowsPerSecond >= TARGET_ROWS_PER_SECOND;
    const memoryMet = peakMegabytes < TARGET_PEAK_RSS_MB;
    console.log(
      `one 25k-row sheet: ${singleSheet.rowsPerSecond} rows/s (target ≥ ${TARGET_ROWS_PER_SECOND}: ${verdict(singleMet)})`,
    );
    console.log(
      `consolidated workbook: ${consolidated.rowsPerSecond} rows/s (target ≥ ${TARGET_ROWS_PER_SECOND}: ${verdict(consolidatedMet)})`,
    );
    console.log(`peak RSS: ${peakMegabytes.toFixed(0)} MB (target < ${TARGET_PEAK_RSS_MB} MB: ${verdict(memoryMet)})`);
    if (!singleMet || !consolidatedMet || !memoryMet) process.exitCode = 1;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

await main();
