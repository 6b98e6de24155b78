import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import type {
  OrderLine,
  PackingOrder,
  PackingSheetSource,
  ProviderLine,
  ProviderSheetSource,
  SheetTitle,
  SummaryLine,
  WorkbookWritten,
} from "../../sheets/workbooks/sheet-source.ts";

/** Runs a builder into memory and opens the result with exceljs, as a spreadsheet program would. */
export async function writeAndOpen(
  write: (output: Writable) => Promise<WorkbookWritten>,
): Promise<{ buffer: Buffer; workbook: ExcelJS.Workbook; written: WorkbookWritten }> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const written = await write(output);
  const buffer = Buffer.concat(chunks);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return { buffer, workbook, written };
}

/** Every row of a sheet as plain values, the first (empty) slot exceljs keeps for column 0 removed. */
export function rowValues(worksheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  worksheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from((row.values as unknown[]).slice(1), (value) => value ?? null));
  });
  return rows;
}

/** The rows from a table's header row (the first whose first cell is `first`) on, as PRODUCT.md defines it. */
export function tableRows(worksheet: ExcelJS.Worksheet, first: string): unknown[][] {
  const rows = rowValues(worksheet);
  const header = rows.findIndex((row) => row[0] === first);
  if (header < 0) throw new Error(`no row starts with ${first} in ${worksheet.name}`);
  return rows.slice(header);
}

export const LONG_NAME = `Mercearia ${"muito comprida ".repeat(25)}`.slice(0, 300);

export const title: SheetTitle = {
  businessName: "Feira da Ana",
  batchNumber: 7,
  closedAt: new Date("2026-12-03T21:30:00Z"),
  timeZone: "America/Fortaleza",
};

const HORTIFRUTI = "Hortifruti Bom Preço";
const GRANJA = "@Granja";
const MERCEARIA = "Mercearia [Centro]: atacado/varejo";

interface Product {
  key: string;
  name: string;
  unit: OrderLine["unit"];
  priceCents: number;
  costCents: number | null;
  provider: string;
}

export const tomato: Product = {
  key: "1/1",
  name: "Tomate italiano",
  unit: "kg",
  priceCents: 799,
  costCents: 520,
  provider: HORTIFRUTI,
};
export const coriander: Product = {
  key: "2/1",
  name: "Coentro",
  unit: "maco",
  priceCents: 250,
  costCents: null,
  provider: HORTIFRUTI,
};
export const eggs: Product = {
  key: "3/2",
  name: '=HYPERLINK("http://evil","Ovos")',
  unit: "dz",
  priceCents: 1_200,
  costCents: 900,
  provider: GRANJA,
};
export const flour: Product = {
  key: "4/3",
  name: LONG_NAME,
  unit: "pct",
  priceCents: 123_456,
  costCents: 100_000,
  provider: MERCEARIA,
};
export const milk: Product = {
  key: "5/4",
  name: "+Leite -integral 🥛",
  unit: "l",
  priceCents: 590,
  costCents: 410,
  provider: "Laticínios",
};

/** An order item as the order service prices it: price × quantity, rounded half up to the cent. */
export function item(product: Product, quantityMilli: number): OrderLine {
  return {
    productKey: product.key,
    productName: product.name,
    unit: product.unit,
    quantityMilli,
    unitPriceCents: product.priceCents,
    totalCents: Math.floor((product.priceCents * quantityMilli + 500) / 1000),
    providerName: product.provider,
  };
}

/** A provider's line: the quantity summed over the batch, at the product's cost. */
export function providerLine(product: Product, quantityMilli: number): ProviderLine {
  return {
    productName: product.name,
    unit: product.unit,
    quantityMilli,
    unitCostCents: product.costCents,
    totalCostCents: product.costCents === null ? null : Math.floor((product.costCents * quantityMilli + 500) / 1000),
  };
}

export function order(
  number: number,
  customerName: string | null,
  phone: string,
  lines: OrderLine[],
  delivery: PackingOrder["delivery"] = { kind: "pickup" },
): PackingOrder {
  return {
    number,
    customerName,
    phone,
    delivery,
    totalCents: lines.reduce((sum, line) => sum + line.totalCents, 0),
    lines,
  };
}

/** The summary of some orders, one line per product, as the loader sums it. */
export function summaryOf(orders: readonly PackingOrder[], products: readonly Product[]): SummaryLine[] {
  const lines = new Map<string, SummaryLine>();
  for (const { lines: items } of orders) {
    for (const line of items) {
      const product = products.find((each) => each.key === line.productKey);
      if (!product) throw new Error(`no product ${line.productKey}`);
      const summed = lines.get(line.productKey) ?? {
        productKey: line.productKey,
        productName: line.productName,
        unit: line.unit,
        quantityMilli: 0,
        unitPriceCents: line.unitPriceCents,
        totalCents: 0,
        providerName: line.providerName,
        totalCostCents: null,
      };
      summed.quantityMilli += line.quantityMilli;
      summed.totalCents += line.totalCents;
      summed.totalCostCents =
        product.costCents === null ? null : Math.floor((product.costCents * summed.quantityMilli + 500) / 1000);
      lines.set(line.productKey, summed);
    }
  }
  return [...lines.values()];
}

export const PRODUCTS = [tomato, coriander, eggs, flour, milk];

/** The hortifruti's sheet of a batch: every awkward name the issue lists. */
export const providerSheet: ProviderSheetSource = {
  locale: "pt-BR",
  title,
  providerName: HORTIFRUTI,
  lines: [providerLine(tomato, 2_500), providerLine(coriander, 3_000), providerLine(eggs, 1_000)],
};

const packingOrders: PackingOrder[] = [
  order(1, "Maria", "5511999990001", [item(tomato, 2_500), item(eggs, 1_000), item(coriander, 1_000)]),
  order(2, "Maria", "5511999990002", [item(coriander, 2_000)], {
    kind: "delivery",
    address: "Rua das Flores, 12, Apto 302 [Bloco B] — Lagoa Nova",
  }),
  order(3, LONG_NAME, "5511999990003", [item(flour, 12_000)]),
  order(4, "Ana [feira]: sábado/domingo * ? \\ fim 🍅", "5511999990004", [item(milk, 1_125), item(tomato, 500)]),
  order(5, "=cmd|' /C calc'!A0", "5511999990005", [item(eggs, 1_000)]),
  order(6, null, "5511987654321", [item(milk, 1_125)]),
];

/** A batch with every awkward name the issue lists, in the order the loader gives it. */
export const packingBatch: PackingSheetSource = {
  locale: "pt-BR",
  title,
  summary: summaryOf(packingOrders, PRODUCTS),
  orders: packingOrders,
};
