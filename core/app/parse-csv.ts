/** A CSV file's rows of cells, with the separator it was read with. */
export interface CsvTable {
  separator: "," | ";";
  rows: string[][];
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * The text of a CSV file: UTF-8 with or without a byte-order mark, or else Windows-1252, which Excel writes by
 * default in Brazil. Any byte sequence that is not valid UTF-8 is taken as Windows-1252: a real UTF-8 file with
 * accents never is, and plain ASCII reads the same in both.
 */
export function decodeCsvText(bytes: Uint8Array): string {
  if (UTF8_BOM.every((byte, index) => bytes[index] === byte)) {
    return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(3));
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/**
 * RFC 4180 with either "," or ";" as the separator (Brazilian spreadsheet exports use ";"): whichever the header
 * line holds more of, outside quotes. Quoted cells may hold separators, quotes ("") and line breaks. Lines end in
 * LF or CRLF. Row i of the answer is row i + 1 as a spreadsheet program numbers it (an empty line is a row of one
 * empty cell), so errors can name rows as people see them.
 */
export function parseCsv(text: string): CsvTable {
  const content = text.replace(/^\uFEFF/, "");
  const separator = headerSeparator(content);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = "";
  };
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
      endRow();
    } else {
      cell += character;
    }
  }
  if (cell !== "" || row.length > 0) endRow();
  return { separator, rows };
}

function headerSeparator(content: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const character of content) {
    if (character === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (character === "\n" || character === "\r") break;
    else if (character === ",") commas++;
    else if (character === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}
