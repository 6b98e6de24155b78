import path from "node:path";
import { sheetStorageKey } from "../../core/domain/sheet-key.ts";

/**
 * "hortifruti-12.xlsx", "consolidado-12.xlsx": the name a downloaded sheet gets. Derived from the storage key
 * itself so the two can never drift apart (the batch id does not appear in the file name).
 */
export function sheetFileName(providerKey: string | null, batchNumber: number): string {
  return path.posix.basename(sheetStorageKey(0, batchNumber, providerKey));
}
