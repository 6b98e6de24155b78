import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../core/app/errors.ts";
import { parseCsv, readCatalogFile } from "../../core/app/read-catalog-file.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { startTestSystem, TEST_API_TOKEN, type TestSystem } from "../support/test-system.ts";

const run = promisify(execFile);

const CSV = `sku;name;unit;price;provider;category;aliases;provider_name
tomate;Tomate;kg;7,50;hortifruti;Legumes;tomates|tomate italiano;Hortifruti Sertão
ovos;Ovos Caipira;dz;15.00;granja;Granja;ovo|ovos;Granja Boa Vista
"alface";"Alface ""Crespa""";un;3;hortifruti;Verduras;;
`;

describe("catalog files", () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), "sisconf-catalog-"));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const write = (name: string, content: string) => {
    const file = path.join(directory, name);
    writeFileSync(file, content);
    return file;
  };

  it("reads a CSV with ';' separators, quotes, decimal commas, aliases and provider names", async () => {
    const catalog = await readCatalogFile(write("catalog.csv", CSV));
    expect(catalog.providers).toEqual([
      { key: "hortifruti", name: "Hortifruti Sertão" },
      { key: "granja", name: "Granja Boa Vista" },
    ]);
    expect(catalog.products.map((product) => [product.sku, product.name, product.price, product.aliases])).toEqual([
      ["tomate", "Tomate", 750, ["tomates", "tomate italiano"]],
      ["ovos", "Ovos Caipira", 1500, ["ovo", "ovos"]],
      ["alface", 'Alface "Crespa"', 300, []],
    ]);
  });

  it.each([
    ["a price with three decimals", "tomate;Tomate;kg;7.505;h;;", "row 2: price"],
    ["an unknown unit", "tomate;Tomate;saco;7.50;h;;", "row 2: unit"],
    ["an empty name", "tomate;;kg;7.50;h;;", "row 2: name"],
  ])("rejects a file with %s, naming the row", async (_label, row, message) => {
    const file = write("bad.csv", `sku;name;unit;price;provider;category;aliases\n${row}\n`);
    const error = await readCatalogFile(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as Error).message).toContain(message);
  });

  it("reads an optional cost and availability, an empty cost being none", async () => {
    const file = write(
      "costs.csv",
      "sku;name;unit;price;provider;cost;available\ntomate;Tomate;kg;7,50;h;5,25;sim\novos;Ovos;dz;15;h;;não\nalface;Alface;un;3;h;2.10;\n",
    );
    const catalog = await readCatalogFile(file);
    expect(catalog.products.map((product) => [product.sku, product.cost, product.available])).toEqual([
      ["tomate", 525, true],
      ["ovos", undefined, false],
      ["alface", 210, true],
    ]);
    const bad = write("bad-available.csv", "sku;name;unit;price;provider;available\ntomate;Tomate;kg;7;h;talvez\n");
    const error = await readCatalogFile(bad).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain("row 2: available");
  });

  it("reads the same columns from an .xlsx", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Catálogo");
    sheet.addRow(["sku", "name", "unit", "price", "provider", "category", "aliases"]);
    sheet.addRow(["tomate", "Tomate", "kg", 7.5, "hortifruti", "Legumes", "tomates"]);
    sheet.addRow(["ovos", "Ovos", "dz", "15,00", "granja", "", ""]);
    const file = path.join(directory, "catalog.xlsx");
    await workbook.xlsx.writeFile(file);
    const catalog = await readCatalogFile(file);
    expect(catalog.products.map((product) => [product.sku, product.price])).toEqual([
      ["tomate", 750],
      ["ovos", 1500],
    ]);
  });

  it("refuses other file kinds and unreadable JSON clearly", async () => {
    await expect(readCatalogFile(write("catalog.txt", "x"))).rejects.toThrow(/\.json, \.csv or \.xlsx/);
    await expect(readCatalogFile(write("catalog.json", "{oops"))).rejects.toThrow(/not valid JSON/);
  });

  it("parses CSV edge cases: CRLF, a BOM, commas as separators, quoted separators", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x,1",2\r\n')).toEqual([
      ["a", "b"],
      ["x,1", "2"],
    ]);
  });
});

describe("sisconf catalog import", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem("pglite", {}, ["api"]);
  });
  afterAll(async () => {
    await system?.close();
  });

  it("goes through the running server when it holds the embedded database", async () => {
    const file = path.join(system.dataDir, "catalog.json");
    writeFileSync(file, JSON.stringify(exampleCatalog()));
    const { stdout } = await run(process.execPath, ["bin/sisconf.js", "catalog", "import", file], {
      env: { ...process.env, DATA_DIR: system.dataDir, API_TOKEN: TEST_API_TOKEN, LOG_LEVEL: "silent" },
    });
    expect(stdout).toContain("40 products from 5 providers");
    const { body } = await system.request("GET", "/api/v1/catalog");
    expect(body.products).toHaveLength(40);
  });

  it("exits 1 with the reason for a bad file, and changes nothing", async () => {
    const file = path.join(system.dataDir, "bad.csv");
    writeFileSync(file, "sku;name;unit;price;provider\ntomate;Tomate;kg;-1;h\n");
    const error = await run(process.execPath, ["bin/sisconf.js", "catalog", "import", file], {
      env: { ...process.env, DATA_DIR: system.dataDir, API_TOKEN: TEST_API_TOKEN, LOG_LEVEL: "silent" },
    }).catch((caught: { code: number; stderr: string }) => caught);
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toContain("row 2: price");
    expect((await system.request("GET", "/api/v1/catalog")).body.products).toHaveLength(40);
  });
});
