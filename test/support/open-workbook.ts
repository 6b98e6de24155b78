import ExcelJS from "exceljs";

/** Opens .xlsx bytes with exceljs, as a spreadsheet program would (its typings predate typed Buffers). */
export async function openWorkbook(bytes: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) as unknown as ArrayBuffer,
  );
  return workbook;
}
