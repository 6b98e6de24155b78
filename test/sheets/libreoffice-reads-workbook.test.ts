import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeProviderWorkbook } from "../../sheets/workbooks/write-provider-workbook.ts";
import { coriander, eggs, flour, milk, tomato, writeAndOpen } from "./workbook-fixtures.ts";

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
      writeProviderWorkbook(
        { locale: "pt-BR", batchNumber: 7, providerName: "Hortifruti", lines: [tomato, coriander, eggs, flour, milk] },
        output,
      ),
    );
    const file = path.join(directory, "hortifruti-7.xlsx");
    await writeFile(file, buffer);
    // LibreOffice writes its profile under HOME; a fresh one also keeps it from joining a running instance.
    const home = path.join(directory, "home");
    await run(
      SOFFICE,
      [
        "--headless",
        "--norestore",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76",
        "--outdir",
        directory,
        file,
      ],
      { env: { ...process.env, HOME: home }, timeout: 85_000 },
    );
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
});
