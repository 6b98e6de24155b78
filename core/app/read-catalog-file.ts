import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import type { CatalogFileProblem } from "./catalog-file-problem.ts";
import { type CatalogInput, catalogInputSchema } from "./catalog-input.ts";
import { checkZipInflation } from "./check-zip-inflation.ts";
import { invalidInput } from "./errors.ts";
import { decodeCsvText, parseCsv } from "./parse-csv.ts";
import { describeIssues, type IssuePath, parseInput } from "./validation.ts";

/** Far above a 20,000-product catalog in any format (about 4 MB of JSON, 3 MB of CSV, 1.2 MB of .xlsx). */
const MAX_CATALOG_FILE_BYTES = 20_000_000;
/**
 * What an .xlsx may inflate to: a 20,000-product workbook with every column inflates to about 11 MB, and reading it
 * takes ExcelJS about 130 MB of memory, so this bounds a hostile file to a few hundred.
 */
const MAX_XLSX_INFLATED_BYTES = 30_000_000;

/** The columns of a tabular catalog: the JSON product fields, and the provider's details. */
const REQUIRED_COLUMNS = ["sku", "name", "unit", "price", "provider"] as const;
const OPTIONAL_COLUMNS = ["category", "aliases", "cost", "available"] as const;
const PROVIDER_COLUMNS = { provider_name: "name", provider_phone: "phone", provider_email: "email" } as const;
type ProviderColumn = keyof typeof PROVIDER_COLUMNS;
type ProviderField = (typeof PROVIDER_COLUMNS)[ProviderColumn];

/** Reads a catalog file from disk: see `parseCatalogFile`. */
export async function readCatalogFile(file: string): Promise<CatalogInput> {
  const { size } = await stat(file);
  if (size > MAX_CATALOG_FILE_BYTES) {
    throw invalidInput("file_too_large", `${path.basename(file)} is over ${MAX_CATALOG_FILE_BYTES / 1_000_000} MB`);
  }
  return parseCatalogFile(path.basename(file), await readFile(file));
}

/**
 * The one reader of catalog files, whoever brings them (the command line, a document in chat): .json in the API's
 * format, .csv or .xlsx with one product per row. The file is validated whole: one bad row refuses it, and every
 * error names the row as a spreadsheet program numbers it and the column. A file without products is refused: a
 * header alone must not read as "no products" (a replace would deactivate every product).
 */
export async function parseCatalogFile(fileName: string, bytes: Uint8Array): Promise<CatalogInput> {
  if (bytes.byteLength > MAX_CATALOG_FILE_BYTES) {
    throw invalidInput("file_too_large", `${fileName} is over ${MAX_CATALOG_FILE_BYTES / 1_000_000} MB`);
  }
  const extension = path.extname(fileName).toLowerCase();
  let catalog: CatalogInput;
  if (extension === ".json") catalog = catalogFromJson(fileName, bytes);
  else if (extension === ".csv") catalog = catalogFromCsv(bytes);
  else if (extension === ".xlsx") catalog = catalogFromRows(await readXlsxRows(fileName, bytes));
  else throw refused("the catalog must be a .json, .csv or .xlsx file", { kind: "unreadable" });
  if (catalog.products.length === 0) {
    throw invalidInput("empty_catalog", `${fileName} has no products: nothing was changed`);
  }
  return catalog;
}

function catalogFromJson(fileName: string, bytes: Uint8Array): CatalogInput {
  let parsed: unknown;
  try {
    // A byte-order mark is how Windows programs often start UTF-8: not part of the JSON, so not an error.
    parsed = JSON.parse(new TextDecoder("utf-8").decode(bytes));
  } catch (error) {
    throw refused(`${fileName} is not valid JSON: ${(error as Error).message}`, { kind: "unreadable" });
  }
  return parseInput(catalogInputSchema, parsed);
}

function catalogFromCsv(bytes: Uint8Array): CatalogInput {
  const { separator, rows } = parseCsv(decodeCsvText(bytes));
  const width = rows[0]?.length ?? 0;
  // A decimal comma left unquoted in a ","-separated file adds a cell and shifts every later one: refuse the row
  // rather than read a price of 5 and a provider named "90".
  const uneven = rows.flatMap((cells, index) =>
    cells.length !== width && !isBlank(cells) ? [{ row: index + 1, cells: cells.length }] : [],
  );
  const [first] = uneven;
  if (first) {
    const unquotedComma = separator === ",";
    const hint = unquotedComma ? ` (a decimal comma in a file separated by "," must be quoted: "5,90")` : "";
    const rowsSaid = uneven.slice(0, 5).map(({ row, cells }) => `row ${row} has ${cells} cells, the header ${width}`);
    throw refused(`${rowsSaid.join("; ")}${hint}`, { kind: "uneven_row", row: first.row, unquotedComma });
  }
  return catalogFromRows(rows);
}

/** Row 1 is the header; rows[i] is row i + 1 as a spreadsheet program shows it. */
function catalogFromRows(rows: string[][]): CatalogInput {
  const [header, ...data] = rows;
  if (!header || isBlank(header)) throw refused("the file is empty", { kind: "empty" });
  const names = header.map((cell) => cell.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw refused(`missing columns: ${missing.join(", ")}`, { kind: "missing_columns", columns: [...missing] });
  }
  const has = (column: string) => names.includes(column);

  const records: { row: number; cells: Map<string, string> }[] = [];
  data.forEach((cells, index) => {
    if (isBlank(cells)) return;
    records.push({ row: index + 2, cells: new Map(names.map((name, column) => [name, (cells[column] ?? "").trim()])) });
  });

  const providers = readProviders(records);
  const products = records.map(({ cells }) => {
    const cell = (column: string) => cells.get(column) ?? "";
    // A column the file lacks is left out, so the import keeps what is stored; an empty cell clears the field.
    const optional = Object.fromEntries(
      OPTIONAL_COLUMNS.filter(has).map((column) => [
        column,
        column === "aliases"
          ? cell(column)
              .split("|")
              .map((alias) => alias.trim())
              .filter(Boolean)
          : cell(column),
      ]),
    );
    return {
      sku: cell("sku"),
      name: cell("name"),
      unit: cell("unit"),
      price: cell("price"),
      provider: cell("provider"),
      ...optional,
    };
  });
  // A validation error's place as the spreadsheet shows it: the row, and the column when there is one.
  const cellOf = (issuePath: IssuePath): { row: number; column: string | null } | null => {
    const [collection, index, field] = issuePath;
    if (typeof index !== "number") return null;
    if (collection === "products") {
      return { row: records[index]?.row ?? index + 2, column: field === undefined ? null : String(field) };
    }
    const provider = providers.rows[index];
    const column = field === "key" ? "provider" : `provider_${String(field)}`;
    return { row: provider?.get(field as ProviderField | "key") ?? 0, column };
  };
  const parsed = catalogInputSchema.safeParse({ providers: providers.inputs, products });
  if (parsed.success) return parsed.data;
  const problems = describeIssues(parsed.error, (issuePath) => {
    const cell = cellOf(issuePath);
    if (!cell) return issuePath.map(String).join(".");
    return `row ${cell.row || "?"}${cell.column === null ? "" : `: ${cell.column}`}`;
  });
  const first = cellOf(parsed.error.issues[0]?.path ?? []);
  throw refused(problems.join("; "), first ? { kind: "bad_cell", ...first } : { kind: "unreadable" });
}

/**
 * The providers the rows name, with the details the provider columns give. The first row that gives a detail
 * sets it; a later row giving another value for the same provider is an error naming both rows.
 */
function readProviders(records: { row: number; cells: Map<string, string> }[]) {
  const byKey = new Map<string, { input: Record<string, string>; rows: Map<ProviderField | "key", number> }>();
  const conflicts: { row: number; column: string; text: string }[] = [];
  for (const { row, cells } of records) {
    const key = cells.get("provider") ?? "";
    if (!key) continue;
    let provider = byKey.get(key);
    if (!provider) {
      provider = { input: { key }, rows: new Map([["key", row]]) };
      byKey.set(key, provider);
    }
    for (const [column, field] of Object.entries(PROVIDER_COLUMNS) as [ProviderColumn, ProviderField][]) {
      const value = cells.get(column) ?? "";
      if (!value) continue;
      const given = provider.input[field];
      if (given === undefined) {
        provider.input[field] = value;
        provider.rows.set(field, row);
      } else if (given !== value) {
        const text = `row ${row}: ${column} "${value}" differs from row ${provider.rows.get(field)}'s for ${key}`;
        conflicts.push({ row, column, text });
      }
    }
  }
  const [first] = conflicts;
  if (first) {
    const said = conflicts.slice(0, 5).map(({ text }) => text);
    throw refused(said.join("; "), { kind: "bad_cell", row: first.row, column: first.column });
  }
  const providers = [...byKey.values()];
  return { inputs: providers.map((provider) => provider.input), rows: providers.map((provider) => provider.rows) };
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === "");
}

async function readXlsxRows(fileName: string, bytes: Uint8Array): Promise<string[][]> {
  await checkZipInflation(bytes, MAX_XLSX_INFLATED_BYTES);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw refused(`${fileName} is not a readable .xlsx file: ${(error as Error).message}`, { kind: "unreadable" });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw refused("the workbook has no sheet", { kind: "empty" });
  const width = sheet.getRow(1).cellCount;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= width; column++) cells.push(cellText(row.getCell(column)));
    rows[rowNumber - 1] = cells;
  });
  return Array.from(rows, (cells) => cells ?? []);
}

/** A cell as the file's author sees it; a number computed to 8.499999999 reads as 8.5. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  if (typeof value === "number") {
    const cents = Math.round(value * 100);
    return Math.abs(value * 100 - cents) < 1e-6 ? String(cents / 100) : String(value);
  }
  return cell.text ?? "";
}

/** The reader's refusal: the English message for the command line and the API, the problem for the chat. */
function refused(message: string, problem: CatalogFileProblem) {
  return invalidInput("invalid_file", message, { problem });
}
