import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../core/app/errors.ts";
import { parseCatalogFile, readCatalogFile } from "../../core/app/read-catalog-file.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import type { DatabaseKind } from "../support/test-database.ts";
import { startTestSystem, TEST_API_TOKEN, type TestSystem } from "../support/test-system.ts";
import { deflatedZeros, zipFile } from "../support/zip-file.ts";

const run = promisify(execFile);

const CSV = `sku;name;unit;price;provider;category;aliases;provider_name
tomate;Tomate;kg;7,50;hortifruti;Legumes;tomates|tomate italiano;Hortifruti Sertão
ovos;Ovos Caipira;dz;15.00;granja;Granja;ovo|ovos;Granja Boa Vista
"alface";"Alface ""Crespa""";un;3;hortifruti;Verduras;;
`;

const HEADER = "sku;name;unit;price;provider";
/** Windows-1252 bytes of text whose characters all fit in Latin-1, as Excel in Brazil saves a CSV. */
const cp1252 = (text: string) => Uint8Array.from([...text].map((character) => character.charCodeAt(0)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("the file was accepted");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    },
  );

describe("catalog files", () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), "sisconf-catalog-"));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const write = (name: string, content: string | Uint8Array) => {
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

  it("reads cost and availability: an empty cost is no cost (never zero), an empty availability is in stock", async () => {
    const catalog = await parseCatalogFile(
      "precos.csv",
      utf8(
        `sku,name,unit,price,cost,available,provider
tomate,Tomate,kg,"7,50","5,25",sim,horta
morango,Morango,bandeja,12.00,,não,horta
alface,Alface,un,3,0,,horta
ovos,Ovos,dz,15,8.40,false,horta
`,
      ),
    );
    expect(catalog.products.map((product) => [product.sku, product.cost, product.available])).toEqual([
      ["tomate", 525, true],
      ["morango", null, false],
      ["alface", 0, true],
      ["ovos", 840, false],
    ]);
  });

  it("leaves out the fields of columns the file lacks, so an import keeps what is stored", async () => {
    const catalog = await parseCatalogFile("precos.csv", utf8(`${HEADER}\ntomate;Tomate;kg;8,50;horta\n`));
    expect(catalog.providers).toEqual([{ key: "horta" }]);
    expect(catalog.products).toEqual([{ sku: "tomate", name: "Tomate", unit: "kg", price: 850, provider: "horta" }]);
  });

  it.each([
    ["UTF-8 with a BOM", Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(`${HEADER}\nmaca;Maçã Gala;kg;11,90;frutas\n`)])],
    ["UTF-8 without a BOM", utf8(`${HEADER}\nmaca;Maçã Gala;kg;11,90;frutas\n`)],
    ["Windows-1252, as Excel saves a CSV in Brazil", cp1252(`${HEADER}\nmaca;Maçã Gala;kg;11,90;frutas\n`)],
  ])("reads a CSV in %s with its accents", async (_label, bytes) => {
    const catalog = await parseCatalogFile("catalogo.csv", bytes);
    expect(catalog.products[0]).toMatchObject({ sku: "maca", name: "Maçã Gala", price: 1190 });
  });

  it("refuses a row with an unquoted decimal comma in a ',' file, naming it, instead of shifting its cells", async () => {
    const file = write(
      "virgula.csv",
      'sku,name,unit,price,provider\ntomate,Tomate,kg,7.50,horta\ncebola,Cebola,kg,5,90,horta\nalho,Alho,kg,"30,00",horta\n',
    );
    const error = await refusal(readCatalogFile(file));
    expect(error.message).toContain("row 3 has 6 cells, the header 5");
    expect(error.message).toContain('must be quoted: "5,90"');
    expect(error.message).not.toContain("row 2");
    expect(error.message).not.toContain("row 4");
  });

  it("refuses a row with fewer cells than the header, naming it", async () => {
    const error = await refusal(readCatalogFile(write("curta.csv", `${HEADER}\ntomate;Tomate;kg;7,50\n`)));
    expect(error.message).toContain("row 2 has 4 cells, the header 5");
  });

  it.each([
    ["a header alone", `${HEADER}\n`],
    ["a header and blank lines", `${HEADER}\n\n;;;;\n`],
  ])("refuses %s: it changes nothing and says so", async (_label, text) => {
    const error = await refusal(readCatalogFile(write("vazio.csv", text)));
    expect(error.reason).toBe("empty_catalog");
    expect(error.message).toBe("vazio.csv has no products: nothing was changed");
  });

  it.each([
    ["a price written with a letter O", "tomate;Tomate;kg;8,5O;h", 'row 2: price: "8,5O" is not a price'],
    ["a price with three decimals", "tomate;Tomate;kg;7.505;h", "row 2: price"],
    ["an unknown unit", "tomate;Tomate;saco;7.50;h", "row 2: unit"],
    ["an empty name", "tomate;;kg;7.50;h", "row 2: name"],
    ["an empty provider", "tomate;Tomate;kg;7.50;", "row 2: provider"],
    ["a NUL in a name", "tomate;To\u0000mate;kg;7.50;h", "row 2: name: must not contain a NUL character"],
  ])("refuses a file with %s, naming the row and the column", async (_label, row, message) => {
    const error = await refusal(readCatalogFile(write("bad.csv", `${HEADER}\n${row}\n`)));
    expect(error.message).toContain(message);
  });

  it("names the row of a bad cost or availability", async () => {
    const error = await refusal(
      parseCatalogFile(
        "precos.csv",
        utf8("sku;name;unit;price;provider;cost;available\na;A;kg;1;h;1;sim\nb;B;kg;1;h;-2;sim\nc;C;kg;1;h;;talvez\n"),
      ),
    );
    expect(error.message).toContain('row 3: cost: "-2" is not a price');
    expect(error.message).toContain('row 4: available: "talvez" is not sim/não');
  });

  it("names the row and column of a bad provider detail, not providers.2.phone", async () => {
    const file = `${HEADER};provider_name;provider_phone;provider_email
a;A;kg;1;horta;Horta;5584988880001;
b;B;kg;1;granja;Granja;;
c;C;kg;1;granja;;123;
d;D;kg;1;frutas;Frutas;;vendas@
`;
    const error = await refusal(parseCatalogFile("fornecedores.csv", utf8(file)));
    expect(error.message).toContain("row 4: provider_phone: a phone of 10 to 15 digits");
    expect(error.message).toContain("row 5: provider_email");
    expect(error.message).not.toContain("providers");
  });

  it("refuses two rows that give one provider different details, naming both", async () => {
    const file = `${HEADER};provider_name\na;A;kg;1;horta;Horta do Zé\nb;B;kg;1;horta;Horta da Ana\n`;
    const error = await refusal(parseCatalogFile("fornecedores.csv", utf8(file)));
    expect(error.message).toContain('row 3: provider_name "Horta da Ana" differs from row 2\'s for horta');
  });

  it("reads a JSON file that starts with a byte-order mark", async () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(JSON.stringify(exampleCatalog()))]);
    const catalog = await parseCatalogFile("catalogo.json", bytes);
    expect(catalog.products).toHaveLength(40);
    expect(catalog.products[0]).toMatchObject({ sku: "tomate", price: 750, cost: 525 });
  });

  it("reads the same columns from an .xlsx: numbers, formulas, booleans and empty costs", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Catálogo");
    sheet.addRow(["sku", "name", "unit", "price", "cost", "available", "provider", "category", "aliases"]);
    sheet.addRow(["tomate", "Tomate", "kg", 7.5, 5.25, true, "hortifruti", "Legumes", "tomates"]);
    sheet.addRow(["ovos", "Ovos", "dz", "15,00", null, "não", "granja", "", ""]);
    sheet.addRow(["limao", "Limão", "kg", { formula: "8.3*3", result: 24.900000000000002 }, null, false, "granja"]);
    const file = path.join(directory, "catalog.xlsx");
    await workbook.xlsx.writeFile(file);
    const catalog = await readCatalogFile(file);
    expect(catalog.products.map((product) => [product.sku, product.price, product.cost, product.available])).toEqual([
      ["tomate", 750, 525, true],
      ["ovos", 1500, null, false],
      ["limao", 2490, null, false],
    ]);
  });

  it("refuses an .xlsx that declares it inflates to 400 MB, before parsing it", async () => {
    const bomb = zipFile([
      { name: "[Content_Types].xml", deflated: deflateRawSync("<Types/>"), declaredSize: 8 },
      { name: "xl/worksheets/sheet1.xml", deflated: await deflatedZeros(400), declaredSize: 400_000_000 },
    ]);
    const started = performance.now();
    const error = await refusal(parseCatalogFile("bomba.xlsx", bomb));
    expect(error.message).toContain("inflates to more than 60 MB");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("refuses an .xlsx whose entries inflate past what they declare, counting without keeping the bytes", async () => {
    const zeros = await deflatedZeros(400);
    for (const declaredSize of [1000, 50_000_000]) {
      const bomb = zipFile([{ name: "xl/worksheets/sheet1.xml", deflated: zeros, declaredSize }]);
      const memoryBefore = process.memoryUsage().rss;
      const started = performance.now();
      const error = await refusal(parseCatalogFile("bomba.xlsx", bomb));
      expect(error.message).toContain("inflates to other than the size it declares");
      expect(performance.now() - started).toBeLessThan(5000);
      expect(process.memoryUsage().rss - memoryBefore).toBeLessThan(100_000_000);
    }
  });

  it("refuses other file kinds, unreadable JSON and a damaged .xlsx clearly", async () => {
    await expect(readCatalogFile(write("catalog.txt", "x"))).rejects.toThrow(/\.json, \.csv or \.xlsx/);
    await expect(readCatalogFile(write("catalog.json", "{oops"))).rejects.toThrow(/not valid JSON/);
    await expect(readCatalogFile(write("catalog.xlsx", "not a zip"))).rejects.toThrow(/not a readable \.xlsx/);
  });
});

/** The command line, as the entrepreneur runs it, against a running system. */
// Each test starts the command line (a Node process that loads TypeScript): slow on a busy machine.
describe.each<DatabaseKind>(["pglite", "postgres"])("sisconf catalog import on %s", { timeout: 120_000 }, (kind) => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem(kind, {}, ["api"]);
  });
  afterAll(async () => {
    await system?.close();
  });
  /** Through the server holding the embedded database, or straight into PostgreSQL as another process. */
  const importFile = (name: string, content: string, ...options: string[]) => {
    const file = path.join(system.dataDir, name);
    writeFileSync(file, content);
    return run(process.execPath, ["bin/sisconf.js", "catalog", "import", file, ...options], {
      env: {
        ...process.env,
        DATA_DIR: system.dataDir,
        API_TOKEN: TEST_API_TOKEN,
        LOG_LEVEL: "silent",
        ...(kind === "postgres" ? { DATABASE_URL: system.runtime.config.DATABASE_URL } : {}),
      },
    });
  };
  const products = async () => (await system.request("GET", "/api/v1/catalog")).body.products as { sku: string }[];

  it("imports a whole catalog and prints what it added", async () => {
    const { stdout } = await importFile("catalog.json", JSON.stringify(exampleCatalog()), "--replace");
    expect(stdout).toContain("catalog.json: 40 products from 5 providers");
    expect(stdout).toContain("new (40): ");
    expect(stdout).toContain("0 products deactivated");
    expect(await products()).toHaveLength(40);
  });

  it("adds and updates only: a one-row price list changes one price and deactivates nothing", async () => {
    const { stdout } = await importFile(
      "precos.csv",
      "sku;name;unit;price;provider\ntomate;Tomate;kg;8,50;hortifruti-sertao\n",
    );
    expect(stdout).toContain("precos.csv: 1 products from 1 providers");
    expect(stdout).toContain("price (1): Tomate R$ 7,50 → R$ 8,50");
    expect(stdout).toContain("not in the file, kept (39): ");
    expect(stdout).toContain("--replace would deactivate them");
    const listed = (await system.request("GET", "/api/v1/catalog")).body.products;
    expect(listed).toHaveLength(40);
    // The columns the file lacks kept their values: cost, aliases, the provider's name.
    expect(listed.find((product: { sku: string }) => product.sku === "tomate")).toMatchObject({
      price: "8.50",
      cost: "5.25",
      aliases: ["tomates", "tomate italiano"],
    });
  });

  it("reaches the running system's catalog cache at once, whichever process imported", async () => {
    await importFile(
      "novo.csv",
      "sku;name;unit;price;cost;available;provider\npitaya;Pitaya;kg;19,90;;sim;frutas-do-vale\n",
    );
    const { body } = await system.request("POST", "/api/v1/parse", { text: "1kg de pitaya" });
    expect(body.items).toEqual([{ sku: "pitaya", quantity: 1, unit: "kg" }]);
  });

  it("with --replace, also deactivates the products the file lacks and says how many", async () => {
    const catalog = exampleCatalog();
    catalog.products = catalog.products.slice(0, 30);
    const { stdout } = await importFile("menor.json", JSON.stringify(catalog), "--replace");
    expect(stdout).toContain("deactivated (11): ");
    expect(stdout).toContain("11 products deactivated");
    expect(await products()).toHaveLength(30);
  });

  it("says so when nothing changes", async () => {
    const catalog = exampleCatalog();
    catalog.products = catalog.products.slice(0, 30);
    const { stdout } = await importFile("menor.json", JSON.stringify(catalog), "--replace");
    expect(stdout).toContain("nothing changed");
    expect(stdout).toContain("0 products deactivated");
  });

  it.each([
    ["a header alone", "vazio.csv", "sku;name;unit;price;provider\n", "vazio.csv has no products: nothing was changed"],
    [
      "an unquoted decimal comma",
      "virgula.csv",
      "sku,name,unit,price,provider\ntomate,Tomate,kg,5,90,h\n",
      "row 2 has 6 cells",
    ],
    ["a negative price", "bad.csv", "sku;name;unit;price;provider\ntomate;Tomate;kg;-1;h\n", "row 2: price"],
  ])(
    "exits 1 with the reason for %s, and changes nothing, even with --replace",
    async (_label, name, content, message) => {
      const error = await importFile(name, content, "--replace").catch(
        (caught: { code: number; stderr: string }) => caught,
      );
      expect(error).toMatchObject({ code: 1 });
      expect((error as { stderr: string }).stderr).toContain(message);
      expect(await products()).toHaveLength(30);
    },
  );
});
