import { truncateText } from "./truncate-text.ts";

/** Excel refuses a cell longer than this. */
const MAX_CELL_LENGTH = 32_767;

// Characters XML 1.0 cannot carry (control characters other than tab/newline/return, lone surrogates,
// U+FFFE/U+FFFF): a WhatsApp name can contain them, and one of them in a cell makes the whole file unreadable.
const NOT_IN_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this removes.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as it may be stored in a cell. The builders write it as a string cell, never as a formula, so a
 * customer called "=HYPERLINK(…)" stays a name; this only removes what would corrupt the file.
 */
export function plainText(text: string): string {
  return truncateText(text.replace(NOT_IN_XML, ""), MAX_CELL_LENGTH);
}
