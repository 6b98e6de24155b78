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
  const separatorCode = separator.charCodeAt(0);
  const rows: string[][] = [];
  let row: string[] = [];
  let index = 0;
  // One cell per turn, cut out with slices rather than built a character at a time: a 20,000-row file is 3 MB.
  while (index < content.length) {
    let cell: string;
    if (content.charCodeAt(index) === QUOTE) {
      cell = "";
      let from = index + 1;
      for (;;) {
        const quote = content.indexOf('"', from);
        if (quote < 0) {
          cell += content.slice(from);
          index = content.length;
          break;
        }
        cell += content.slice(from, quote);
        if (content.charCodeAt(quote + 1) === QUOTE) {
          cell += '"';
          from = quote + 2;
        } else {
          index = quote + 1;
          break;
        }
      }
      // Whatever follows the closing quote, up to the separator, is kept as written.
      const end = cellEnd(content, index, separatorCode);
      cell += content.slice(index, end);
      index = end;
    } else {
      const end = cellEnd(content, index, separatorCode);
      cell = content.slice(index, end);
      index = end;
    }
    row.push(cell);
    const code = content.charCodeAt(index);
    if (code === separatorCode) {
      index++;
      if (index === content.length) rows.push([...row, ""]);
      continue;
    }
    // A line end, or the end of the text.
    if (code === CARRIAGE_RETURN && content.charCodeAt(index + 1) === LINE_FEED) index++;
    index++;
    rows.push(row);
    row = [];
  }
  return { separator, rows };
}

const QUOTE = 34;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

/** Where the unquoted cell starting at `index` ends: at the separator, a line end, or the end of the text. */
function cellEnd(content: string, index: number, separatorCode: number): number {
  let end = index;
  while (end < content.length) {
    const code = content.charCodeAt(end);
    if (code === separatorCode || code === LINE_FEED || code === CARRIAGE_RETURN) break;
    end++;
  }
  return end;
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
