import { describe, expect, it } from "vitest";
import { catalogFileProblem } from "../../bot/dialogue/catalog-file-problem.ts";
import type { CatalogFileProblem } from "../../core/app/catalog-file-problem.ts";
import { AppError } from "../../core/app/errors.ts";
import { parseCatalogFile } from "../../core/app/read-catalog-file.ts";

const HEADER = "sku,name,unit,price,provider";

/** The reader's refusal of a file, as the chat reads it: the problem the refusal carries. */
async function problemOf(name: string, text: string): Promise<CatalogFileProblem> {
  try {
    await parseCatalogFile(name, Buffer.from(text));
  } catch (error) {
    if (error instanceof AppError) return catalogFileProblem(error.failure);
    throw error;
  }
  throw new Error("the file was read");
}

describe("a refused catalog file, read back for the chat", () => {
  it.each<[string, string, string, CatalogFileProblem]>([
    [
      "an unquoted 5,90 in a comma file",
      "precos.csv",
      `${HEADER}\ntomate,Tomate,kg,7.50,h\ncebola,Cebola,kg,5,90,h\n`,
      { kind: "uneven_row", row: 3, unquotedComma: true },
    ],
    [
      "a short row in a semicolon file",
      "precos.csv",
      "sku;name;unit;price;provider\ntomate;Tomate;kg;7,50\n",
      { kind: "uneven_row", row: 2, unquotedComma: false },
    ],
    [
      "a price that is not one",
      "precos.csv",
      `${HEADER}\ntomate,Tomate,kg,"8,5O",h\n`,
      { kind: "bad_cell", row: 2, column: "price" },
    ],
    [
      "missing columns",
      "precos.csv",
      "sku,name,price\ntomate,Tomate,7.50\n",
      { kind: "missing_columns", columns: ["unit", "provider"] },
    ],
    ["a header alone", "precos.csv", `${HEADER}\n`, { kind: "empty" }],
    ["no header either", "precos.csv", " \n\n", { kind: "empty" }],
    [
      "a provider's phone given two ways",
      "precos.csv",
      `${HEADER},provider_phone\ntomate,Tomate,kg,7.50,h,84999990001\ncebola,Cebola,kg,5.90,h,84999990002\n`,
      { kind: "bad_cell", row: 3, column: "provider_phone" },
    ],
    ["a file of another kind", "foto.pdf", "%PDF-1.4", { kind: "unreadable" }],
  ])("%s", async (_label, name, text, expected) => {
    expect(await problemOf(name, text)).toEqual(expected);
  });
});
