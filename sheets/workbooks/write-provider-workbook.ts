import type { Writable } from "node:stream";
import { openWorkbookWriter } from "./open-workbook-writer.ts";
import { sheetLabels } from "./sheet-labels.ts";
import type { ProviderSheetSource, WorkbookWritten } from "./sheet-source.ts";
import { writeLineSheet } from "./write-line-sheet.ts";

/**
 * Writes a provider's workbook (sheet `Pedido`: one row per product, then Total) to `output` and resolves once
 * `output` has finished. On failure `output` is destroyed with the error, since a half-written file is useless.
 */
export async function writeProviderWorkbook(source: ProviderSheetSource, output: Writable): Promise<WorkbookWritten> {
  const labels = sheetLabels(source.locale);
  const workbook = openWorkbookWriter(output);
  try {
    const rows = writeLineSheet(workbook, labels.providerSheet, source.lines, {
      locale: source.locale,
      labels,
      withProvider: false,
    });
    await workbook.commit();
    return { sheets: 1, rows };
  } catch (error) {
    output.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
