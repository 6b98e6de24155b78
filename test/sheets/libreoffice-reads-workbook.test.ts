import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeConsolidatedWorkbook } from "../../sheets/workbooks/write-consolidated-workbook.ts";
import { writeProviderWorkbook } from "../../sheets/workbooks/write-provider-workbook.ts";
import { consolidatedBatch, coriander, eggs, flour, milk, tomato, writeAndOpen } from "./workbook-fixtures.ts";

const SOFFICE = "/usr/bin/soffice";
const run = promisify(execFile);

describe.skipIf(!existsSync(SOFFICE))("a produced workbook opened by LibreOffice", () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "sisconf-soffice-"));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("converts to CSV with every product row and the Total row", { timeout: 90_000 }, async () => {
    const { buffer } = await writeAndOpen((output) =>
      writeProviderWorkbook({ locale: "pt-BR", lines: [tomato, coriander, eggs, flour, milk] }, output),
    );
    await convertToCsv(directory, "hortifruti-7.xlsx", buffer, "44,34,76");
    const csv = (await readFile(path.join(directory, "hortifruti-7.csv"), "utf8")).trim().split(/\r?\n/);
    expect(csv[0]).toBe("Produto,Unidade,Quantidade,Preço unitário,Total");
    // The CSV shows what the cells display: the number formats were understood, and the formula-looking product
    // name came through as its own text, not evaluated.
    expect(csv[1]).toBe("Tomate italiano,kg,2.5,R$ 7.99,R$ 19.98");
    expect(csv[2]).toBe("Coentro,maço,3,R$ 2.50,R$ 7.50");
    expect(csv[3]).toBe('"=HYPERLINK(""http://evil"",""Ovos"")",dz,1,R$ 12.00,R$ 12.00');
    expect(csv[4]).toMatch(/^Mercearia muito comprida .*,pct,12,"R\$ 1,234\.56","R\$ 14,814\.72"$/);
    expect(csv[5]).toBe("+Leite -integral,L,1.125,R$ 5.90,R$ 6.64");
    expect(csv[6]).toBe('Total,,,,"R$ 14,860.84"');
    expect(csv).toHaveLength(7);
  });

  it("reads every sheet of the consolidated workbook, each order with its lines", { timeout: 90_000 }, async () => {
    const { buffer } = await writeAndOpen((output) => writeConsolidatedWorkbook(consolidatedBatch, output));
    const folder = path.join(directory, "consolidated");
    // The last field (-1) exports every sheet, each to "<file>-<sheet name>.csv"; the ninth keeps cells as shown.
    await convertToCsv(folder, "consolidado-7.xlsx", buffer, "44,34,76,1,,0,false,true,true,false,false,-1");
    const exported = (await readdir(folder)).filter((name) => name.endsWith(".csv"));
    expect(exported).toHaveLength(1 + consolidatedBatch.orders.length);
    const summary = (await readFile(path.join(folder, "consolidado-7-Resumo.csv"), "utf8")).trim().split(/\r?\n/);
    expect(summary[0]).toBe("Produto,Unidade,Quantidade,Preço unitário,Total,Fornecedor");
    expect(summary).toHaveLength(1 + consolidatedBatch.summary.length + 1);
    const maria = (await readFile(path.join(folder, "consolidado-7-#1 Maria.csv"), "utf8")).trim().split(/\r?\n/);
    expect(maria).toEqual([
      "Produto,Unidade,Quantidade,Preço unitário,Total,Fornecedor",
      "Tomate italiano,kg,2.5,R$ 7.99,R$ 19.98,Hortifruti Bom Preço",
      '"=HYPERLINK(""http://evil"",""Ovos"")",dz,1,R$ 12.00,R$ 12.00,@Granja',
      "Total,,,,R$ 31.98,",
    ]);
  });
});

/** Writes `buffer` as `name` in `folder` and has LibreOffice convert it to CSV there with the given filter options. */
async function convertToCsv(folder: string, name: string, buffer: Buffer, filterOptions: string): Promise<void> {
  const file = path.join(folder, name);
  await mkdir(folder, { recursive: true });
  await writeFile(file, buffer);
  // LibreOffice writes its profile under HOME; a fresh one also keeps it from joining a running instance.
  await run(
    SOFFICE,
    [
      "--headless",
      "--norestore",
      "--convert-to",
      `csv:Text - txt - csv (StarCalc):${filterOptions}`,
      "--outdir",
      folder,
      file,
    ],
    { env: { ...process.env, HOME: path.join(folder, "home") }, timeout: 85_000 },
  );
}
