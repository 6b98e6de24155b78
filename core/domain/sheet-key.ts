/** The S3 key of PRODUCT.md: fixed by the sheet, so a retry overwrites instead of duplicating. */
export function sheetStorageKey(batchId: number, batchNumber: number, providerKey: string | null): string {
  return `batches/${batchId}/${providerKey ?? "consolidado"}-${batchNumber}.xlsx`;
}
