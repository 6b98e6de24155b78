/**
 * Why a catalog file was refused, as a value: the reader's `invalid_file` refusals carry it (`details.problem`), so
 * the chat says it in the conversation's language while the command line and the API show the English message.
 * Only the first problem is named: the entrepreneur fixes it and sends the file again.
 */
export type CatalogFileProblem =
  /** A row with more or fewer cells than the header; `unquotedComma`: a "," file where "5,90" must be quoted. */
  | { kind: "uneven_row"; row: number; unquotedComma: boolean }
  | { kind: "bad_cell"; row: number; column: string | null }
  | { kind: "missing_columns"; columns: string[] }
  | { kind: "empty" }
  | { kind: "too_large" }
  | { kind: "unreadable" };
