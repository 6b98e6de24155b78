import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkbookWritten } from "../../sheets/workbooks/sheet-source.ts";
import { writePackingWorkbook } from "../../sheets/workbooks/write-packing-workbook.ts";
import { writeProviderWorkbook } from "../../sheets/workbooks/write-provider-workbook.ts";
import {
  item,
  LONG_NAME,
  milk,
  order,
  PRODUCTS,
  packingBatch,
  providerSheet,
  summaryOf,
  writeAndOpen,
} from "./workbook-fixtures.ts";

const SOFFICE = "/usr/bin/soffice";
const PDFTOTEXT = "/usr/bin/pdftotext";
const run = promisify(execFile);

const oneOrder = [order(1, "Ana", "5584988000001", [item(milk, 1_000)])];

/** Each workbook as printed: written, converted to PDF by LibreOffice, and read back page by page. */
const printed: Record<string, string[]> = {};
const workbooks: Record<string, (output: Writable) => Promise<WorkbookWritten>> = {
  "hortifruti-7": (output) => writeProviderWorkbook(providerSheet, output),
  "consolidado-7": (output) => writePackingWorkbook(packingBatch, output),
  "consolidado-en": (output) => writePackingWorkbook({ ...packingBatch, locale: "en" }, output),
  "consolidado-1": (output) =>
    writePackingWorkbook({ ...packingBatch, summary: summaryOf(oneOrder, PRODUCTS), orders: oneOrder }, output),
};

describe.skipIf(!existsSync(SOFFICE) || !existsSync(PDFTOTEXT))("a produced workbook printed by LibreOffice", () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "sisconf-print-"));
    const files: string[] = [];
    for (const [name, write] of Object.entries(workbooks)) {
      const file = path.join(directory, `${name}.xlsx`);
      await writeFile(file, (await writeAndOpen(write)).buffer);
      files.push(file);
    }
    // One LibreOffice for every file; a fresh profile under HOME keeps it from joining a running instance.
    await run(SOFFICE, ["--headless", "--norestore", "--convert-to", "pdf", "--outdir", directory, ...files], {
      env: { ...process.env, HOME: path.join(directory, "home") },
      timeout: 170_000,
    });
    for (const name of Object.keys(workbooks)) {
      const { stdout } = await run(PDFTOTEXT, ["-layout", path.join(directory, `${name}.pdf`), "-"], {
        maxBuffer: 64 * 1024 * 1024,
      });
      // pdftotext ends every page with a form feed.
      printed[name] = stdout.split("\f").slice(0, -1);
    }
  }, 180_000);

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("prints the provider's sheet on one page naming the business, provider and batch, at cost", () => {
    const pages = printed["hortifruti-7"] ?? [];
    expect(pages).toHaveLength(1);
    const [page = ""] = pages;
    for (const text of ["Feira da Ana", "Hortifruti Bom Preço", "Lote 7", "Fechado em 3 de dez. de 2026, 18:30"]) {
      expect(page).toContain(text);
    }
    expect(page).toMatch(/Produto\s+Unidade\s+Quantidade\s+Custo unitário\s+Total/);
    expect(page).toMatch(/Tomate italiano\s+kg\s+2,5\s+R\$ 5,20\s+R\$ 13,00/);
    // Coentro has no cost: nothing after its quantity.
    expect(page).toMatch(/Coentro\s+maço\s+3\n/);
    expect(page).toMatch(/Total\s+R\$ 22,00/);
    expect(page).not.toContain("R$ 7,99");
  });

  it("prints Resumo one page wide: every page of it has the header's first and last columns", () => {
    const pages = (printed["consolidado-7"] ?? []).filter((page) => page.includes("Fornecedor"));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages)
      expect(page).toMatch(/Produto\s+Unidade\s+Quantidade\s+Preço unitário\s+Total\s+Fornecedor\s+Custo/);
    const [first = ""] = pages;
    expect(first).toContain("Resumo do lote");
    expect(first).toMatch(/Tomate italiano\s+kg\s+3\s+R\$ 7,99\s+R\$ 23,98\s+Hortifruti Bom Preço\s+R\$ 15,60/);
    expect(first).toMatch(/Total\s+R\$ 14\.883,48\s+R\$ 12\.042,83/);
  });

  it("prints Mapa with every order and the products grouped under their providers", () => {
    const pages = (printed["consolidado-7"] ?? []).filter(
      (page) => page.includes("Mapa de separação") || /Pedido\s+Cliente/.test(page),
    );
    expect(pages).toHaveLength(1);
    const [page = ""] = pages;
    expect(page).toContain("Hortifruti Bom Preço");
    expect(page).toMatch(/#1\s+Maria\s+1\s+1\s+2,5/);
    expect(page).toMatch(/#6\s+5511987654321\s+1,125/);
  });

  it("prints each order of Pedidos on its own page, naming its number, customer and phone", () => {
    const pages = (printed["consolidado-7"] ?? []).filter((page) => page.includes("Entregue"));
    expect(pages).toHaveLength(packingBatch.orders.length);
    for (const [index, each] of packingBatch.orders.entries()) {
      const page = pages[index] ?? "";
      expect(page).toMatch(/Pedido\s+Produto\s+Unidade\s+Quantidade\s+Entregue\s+Preço unitário\s+Total/);
      expect(page).toContain(`#${each.number}`);
      // A 300-character name wraps over several lines: its first words are on the page, with the phone.
      expect(page).toContain((each.customerName ?? "").slice(0, 25));
      expect(page).toContain(`(11) ${each.phone.slice(4, 9)}-${each.phone.slice(9)}`);
      expect(page).toMatch(new RegExp(`Total do pedido\\s+R\\$ ${reaisPattern(each.totalCents)}`));
      expect(pages.filter((other) => other.includes(`#${each.number} `))).toHaveLength(1);
    }
    expect(pages[0]).toMatch(/Tomate italiano\s+kg\s+2,5\s+2,5 kg\s+R\$ 7,99\s+R\$ 19,98/);
    expect(pages[0]).toContain("Retirada");
    expect(pages[1]).toContain("Entrega: Rua das Flores, 12, Apto 302 [Bloco B] — Lagoa Nova");
    expect(pages[2]?.replace(/\s+/g, " ")).toContain("muito comprida muito — +55 (11) 99999-0003");
  });

  it("prints the English workbook with English words and Brazilian money", () => {
    const pages = printed["consolidado-en"] ?? [];
    expect(pages.join("\f")).toMatch(/Product\s+Unit\s+Quantity\s+Unit price\s+Total\s+Provider\s+Cost/);
    const orders = pages.filter((page) => page.includes("Delivered"));
    expect(orders).toHaveLength(packingBatch.orders.length);
    expect(orders[0]).toMatch(/Tomate italiano\s+kg\s+2\.5\s+2\.5 kg\s+R\$ 7,99\s+R\$ 19,98/);
    expect(orders[0]).toContain("Pickup");
    expect(orders[0]).toContain("Batch 7");
  });

  it("prints a batch of one order as one page per sheet", () => {
    const pages = printed["consolidado-1"] ?? [];
    expect(pages).toHaveLength(3);
    expect(pages[2]).toContain("#1");
    expect(pages[2]).toContain("Ana — +55 (84) 98800-0001");
    expect(pages[2]).toMatch(/\+Leite -integral .*\s+l\s+1\s+1\s*l\s+R\$ 5,90\s+R\$ 5,90/);
  });

  it("shows each delivered quantity with the chat's word for its unit, in the plural above one", () => {
    const orders = (printed["consolidado-7"] ?? []).filter((each) => each.includes("Entregue")).join("\f");
    expect(orders).toMatch(/Ovos.*\s+dúzia\s+1\s+1 dúzia\s+R\$/);
    expect(orders).toMatch(/\s+pacote\s+12\s+12 pacotes\s+R\$/);
  });

  it("keeps the whole of a 300-character name on the page, wrapped over the page's width", () => {
    const page = (printed["consolidado-7"] ?? []).filter((each) => each.includes("Entregue"))[2] ?? "";
    expect(page.replace(/\s+/g, " ")).toContain(`${LONG_NAME.trim()} — +55 (11) 99999-0003`);
  });
});

/** "14.814,72" for 1481472 cents, as a regular expression. */
function reaisPattern(cents: number): string {
  const reais = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "\\.");
  return `${reais},${String(cents % 100).padStart(2, "0")}`;
}
