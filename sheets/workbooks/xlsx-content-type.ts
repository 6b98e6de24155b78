/** The media type of .xlsx files, for storage metadata and download responses. */
export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
