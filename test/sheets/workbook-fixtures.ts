import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { ConsolidatedSheetSource, SheetLine, WorkbookWritten } from "../../sheets/workbooks/sheet-source.ts";

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

export const LONG_NAME = `Mercearia ${"muito comprida ".repeat(25)}`.slice(0, 300);

export const tomato: SheetLine = {
  productName: "Tomate italiano",
  unit: "kg",
  quantityMilli: 2_500,
  unitPriceCents: 799,
  totalCents: 1_998,
  providerName: "Hortifruti Bom Preço",
};
export const coriander: SheetLine = {
  productName: "Coentro",
  unit: "maco",
  quantityMilli: 3_000,
  unitPriceCents: 250,
  totalCents: 750,
  providerName: "Hortifruti Bom Preço",
};
export const eggs: SheetLine = {
  productName: '=HYPERLINK("http://evil","Ovos")',
  unit: "dz",
  quantityMilli: 1_000,
  unitPriceCents: 1_200,
  totalCents: 1_200,
  providerName: "@Granja",
};
export const flour: SheetLine = {
  productName: LONG_NAME,
  unit: "pct",
  quantityMilli: 12_000,
  unitPriceCents: 123_456,
  totalCents: 1_481_472,
  providerName: "Mercearia [Centro]: atacado/varejo",
};
export const milk: SheetLine = {
  productName: "+Leite -integral",
  unit: "l",
  quantityMilli: 1_125,
  unitPriceCents: 590,
  totalCents: 664,
  providerName: "Laticínios",
};

/** A batch with every awkward name the issue lists. */
export const consolidatedBatch: ConsolidatedSheetSource = {
  locale: "pt-BR",
  summary: [tomato, coriander, eggs, flour, milk],
  orders: [
    { number: 1, customerName: "Maria", phone: "5511999990001", lines: [tomato, eggs] },
    { number: 2, customerName: "Maria", phone: "5511999990002", lines: [coriander] },
    { number: 3, customerName: LONG_NAME, phone: "5511999990003", lines: [flour] },
    { number: 4, customerName: `${LONG_NAME}x`, phone: "5511999990004", lines: [milk] },
    { number: 5, customerName: "Ana [feira]: sábado/domingo * ? \\ fim", phone: "5511999990005", lines: [tomato] },
    { number: 6, customerName: "=cmd|' /C calc'!A0", phone: "5511999990006", lines: [eggs] },
    { number: 7, customerName: null, phone: "+55 (11) 98765-4321", lines: [milk] },
    { number: 8, customerName: "   ", phone: "5511999991234", lines: [coriander] },
    { number: 9, customerName: "'citação'", phone: "5511999990009", lines: [tomato] },
  ],
};
