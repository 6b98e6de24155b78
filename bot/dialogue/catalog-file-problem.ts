import type { AppError } from "../../core/app/errors.ts";

/** Why a catalog file was refused, as the chat words it in either language. */
export type CatalogFileProblem =
  /** A row with more or fewer cells than the header; `unquotedComma`: a "," file where "5,90" must be quoted. */
  | { kind: "uneven_row"; row: number; unquotedComma: boolean }
  | { kind: "bad_cell"; row: number; column: string | null }
  | { kind: "missing_columns"; columns: string[] }
  | { kind: "empty" }
  | { kind: "too_large" }
  | { kind: "unreadable" };

/**
 * The catalog reader's refusal (parseCatalogFile names the row and column in its English message, for the command
 * line and the API) read back into a value, so the chat can say it in the conversation's language. Only the first
 * problem is named: the entrepreneur fixes it and sends the file again.
 */
export function catalogFileProblem(error: AppError): CatalogFileProblem {
  if (error.reason === "empty_catalog") return { kind: "empty" };
  if (error.reason === "file_too_large") return { kind: "too_large" };
  const uneven = /^row (\d+) has \d+ cells/.exec(error.message);
  if (uneven) return { kind: "uneven_row", row: Number(uneven[1]), unquotedComma: error.message.includes('"5,90"') };
  const missing = /^missing columns: (.+)$/.exec(error.message);
  if (missing) return { kind: "missing_columns", columns: (missing[1] ?? "").split(", ") };
  const cell = /^row (\d+)(?:: ([a-z_]+))?/.exec(error.message);
  if (cell) return { kind: "bad_cell", row: Number(cell[1]), column: cell[2] ?? null };
  return { kind: "unreadable" };
}
