import type { CatalogFileProblem } from "../../core/app/catalog-file-problem.ts";
import type { Failure } from "../../core/app/errors.ts";

/** The problem a catalog file's refusal names; a refusal from elsewhere in the reader is an unreadable file. */
export function catalogFileProblem(error: Failure): CatalogFileProblem {
  switch (error.reason) {
    case "empty_catalog":
      return { kind: "empty" };
    case "file_too_large":
      return { kind: "too_large" };
    case "invalid_file":
      return error.details?.problem ?? { kind: "unreadable" };
    default:
      return { kind: "unreadable" };
  }
}
