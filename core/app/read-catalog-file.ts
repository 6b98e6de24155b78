import { readFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { type CatalogInput, catalogInputSchema } from "./catalog-input.ts";
import { invalidInput } from "./errors.ts";
import { parseInput } from "./validation.ts";

/** Columns of a tabular catalog: the JSON product fields, plus optional provider details. */
const COLUMNS = ["sku", "name", "unit", "price", "provider", "category", "aliases", "cost", "available"] as const;
/** Columns a file may leave out. */
const OPTIONAL_COLUMNS: readonly string[] = ["category", "aliases", "cost", "available"];
/** How a spreadsheet says yes or no in `available`; anything else is refused, naming the row. */
const AVAILABLE_WORDS: Record<string, boolean> = {
  true: true,
  false: false,
  "1": true,
  "0": false,
  sim: true,
  não: false,
  nao: false,
  yes: true,
  no: false,
};
const PROVIDER_COLUMNS = ["provider_name", "provider_phone", "provider_email"] as const;

type Row = Record<string, string>;

/**
 * Reads a catalog file (.json in the API's format; .csv or .xlsx with one product per row) and validates it
 * whole: one bad row rejects the file, naming the row (as a spreadsheet program numbers it) and the reason.
 */
export async function readCatalogFile(file: string): Promise<CatalogInput> {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      throw invalidInput("invalid_file", `${path.basename(file)} is not valid JSON: ${(error as Error).message}`);
    }
    return parseInput(catalogInputSchema, parsed);
  }
  if (extension === ".csv") return catalogFromRows(parseCsv(await readFile(file, "utf8")));
  if (extension === ".xlsx") return catalogFromRows(await readXlsxRows(file));
  throw invalidInput("invalid_file", "the catalog must be a .json, .csv or .xlsx file");
}

/** Row 1 is the header; data rows are numbered from 2, as a spreadsheet program shows them. */
function catalogFromRows(rows: string[][]): CatalogInput {
  const [header, ...data] = rows;
  if (!header) throw invalidInput("invalid_file", "the file is empty");
  const names = header.map((cell) => cell.trim().toLowerCase());
  const missing = COLUMNS.filter((column) => !OPTIONAL_COLUMNS.includes(column) && !names.includes(column));
  if (missing.length > 0) throw invalidInput("invalid_file", `missing columns: ${missing.join(", ")}`);

  const records: Row[] = data
    .filter((cells) => cells.some((cell) => cell.trim() !== ""))
    .map((cells) => Object.fromEntries(names.map((name, index) => [name, (cells[index] ?? "").trim()])));
  const rowNumbers = data.flatMap((cells, index) => (cells.some((cell) => cell.trim() !== "") ? [index + 2] : []));

  const providers = new Map<string, { key: string; name: string; phone?: string; email?: string }>();
  for (const record of records) {
    const key = record.provider ?? "";
    if (!key || providers.has(key)) continue;
    providers.set(key, {
      key,
      name: record.provider_name || titleFromKey(key),
      ...(record.provider_phone ? { phone: record.provider_phone } : {}),
      ...(record.provider_email ? { email: record.provider_email } : {}),
    });
  }
  const catalog = {
    providers: [...providers.values()],
    products: records.map((record) => ({
      sku: record.sku,
      name: record.name,
      unit: record.unit,
      price: record.price,
      provider: record.provider,
      ...(record.category ? { category: record.category } : {}),
      // An empty cost is no cost (the provider's sheet leaves it empty), never zero.
      ...(record.cost ? { cost: record.cost } : {}),
      ...(record.available ? { available: AVAILABLE_WORDS[record.available.toLowerCase()] ?? record.available } : {}),
      aliases: (record.aliases ?? "")
        .split("|")
        .map((alias) => alias.trim())
        .filter(Boolean),
    })),
  };
  return parseInput(catalogInputSchema, catalog, (issuePath) => {
    const [collection, index, field] = issuePath;
    if (collection === "products" && typeof index === "number") {
      return `row ${rowNumbers[index] ?? index + 2}${field ? `: ${String(field)}` : ""}`;
    }
    return issuePath.map(String).join(".");
  });
}

function titleFromKey(key: string): string {
  return key
    .split(/[-_.]/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(" ");
}

/** RFC 4180 with either "," or ";" as the separator (Brazilian spreadsheet exports use ";"). */
export function parseCsv(text: string): string[][] {
  const content = text.replace(/^\uFEFF/, "");
  const firstLine = content.slice(0, content.indexOf("\n") >>> 0);
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < content.length; index++) {
    const character = content[index];
    if (quoted) {
      if (character === '"' && content[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (character === '"') {
        quoted = false;
      } else {
        cell += character;
      }
    } else if (character === '"' && cell === "") {
      quoted = true;
    } else if (character === separator) {
      row.push(cell);
      cell = "";
    } else if (character === "\n" || character === "\r") {
      if (character === "\r" && content[index + 1] === "\n") index++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += character;
    }
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

async function readXlsxRows(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw invalidInput(
      "invalid_file",
      `${path.basename(file)} is not a readable .xlsx file: ${(error as Error).message}`,
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalidInput("invalid_file", "the workbook has no sheet");
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= Math.max(row.cellCount, COLUMNS.length + PROVIDER_COLUMNS.length); column++) {
      cells.push(row.getCell(column).text ?? "");
    }
    rows[rowNumber - 1] = cells;
  });
  return Array.from(rows, (cells) => cells ?? []);
}
