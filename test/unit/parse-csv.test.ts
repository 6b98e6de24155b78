import { describe, expect, it } from "vitest";
import { decodeCsvText, parseCsv } from "../../core/app/parse-csv.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 bytes of text whose characters all fit in Latin-1 (as Excel in Brazil writes them). */
const cp1252 = (text: string) => Uint8Array.from([...text].map((character) => character.charCodeAt(0)));

describe("decodeCsvText reads the encodings spreadsheet programs write", () => {
  it.each([
    ["UTF-8 without a BOM", utf8("sku;name\nmaca;Maçã\n"), "sku;name\nmaca;Maçã\n"],
    [
      "UTF-8 with a BOM",
      Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("sku;name\nmaca;Maçã\n")]),
      "sku;name\nmaca;Maçã\n",
    ],
    [
      "Windows-1252 (Excel's default in Brazil)",
      cp1252("sku;name\nmaca;Maçã\nlimao;Limão\n"),
      "sku;name\nmaca;Maçã\nlimao;Limão\n",
    ],
    ["Windows-1252 beyond Latin-1 (€ and curly quotes)", Uint8Array.from([0x80, 0x20, 0x93, 0x61, 0x94]), "€ “a”"],
    ["plain ASCII", utf8("sku,name\n"), "sku,name\n"],
  ])("%s", (_label, bytes, text) => {
    expect(decodeCsvText(bytes)).toBe(text);
  });
});

describe("parseCsv splits rows and cells", () => {
  it.each([
    [
      "';' separators",
      "a;b;c\n1;2;3\n",
      ";",
      [
        ["a", "b", "c"],
        ["1", "2", "3"],
      ],
    ],
    [
      "',' separators",
      "a,b,c\n1,2,3\n",
      ",",
      [
        ["a", "b", "c"],
        ["1", "2", "3"],
      ],
    ],
    [
      "the header's separator, when cells hold the other",
      "a;b\n5,90;x,y\n",
      ";",
      [
        ["a", "b"],
        ["5,90", "x,y"],
      ],
    ],
    [
      "a ',' header with a quoted ';' in it",
      'a,"b;c",d\n1,2,3\n',
      ",",
      [
        ["a", "b;c", "d"],
        ["1", "2", "3"],
      ],
    ],
    [
      "quoted separators",
      'a,b\n"5,90",x\n',
      ",",
      [
        ["a", "b"],
        ["5,90", "x"],
      ],
    ],
    [
      "doubled quotes inside quotes",
      'a;b\n"Alface ""Crespa""";x\n',
      ";",
      [
        ["a", "b"],
        ['Alface "Crespa"', "x"],
      ],
    ],
    [
      "a line break inside quotes",
      'a;b\n"two\nlines";x\n',
      ";",
      [
        ["a", "b"],
        ["two\nlines", "x"],
      ],
    ],
    [
      "CRLF line ends",
      "a;b\r\n1;2\r\n",
      ";",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "no final line end",
      "a;b\n1;2",
      ";",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "a BOM left in the text",
      "\uFEFFa;b\n1;2\n",
      ";",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "empty cells",
      "a;b;c\n;;\n",
      ";",
      [
        ["a", "b", "c"],
        ["", "", ""],
      ],
    ],
    ["an empty line, kept as a row so rows keep their numbers", "a;b\n\n1;2\n", ";", [["a", "b"], [""], ["1", "2"]]],
  ])("%s", (_label, text, separator, rows) => {
    expect(parseCsv(text)).toEqual({ separator, rows });
  });

  it.each([
    ["an unquoted decimal comma in a ',' file", "sku,price,provider\ntomate,5,90,horta\n", [3, 4]],
    ["a missing cell", "sku;price;provider\ntomate;5,90\n", [3, 2]],
    ["an extra separator at the end", "sku;price\ntomate;5,90;\n", [2, 3]],
  ])("keeps the cells of a row with %s as they are, for the reader to refuse", (_label, text, [header, row]) => {
    const { rows } = parseCsv(text);
    expect(rows[0]).toHaveLength(header ?? 0);
    expect(rows[1]).toHaveLength(row ?? 0);
  });
});
