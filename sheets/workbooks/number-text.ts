/** Beyond this the hundredths and thousandths below stop being exact in a double. */
const LARGEST_EXACT = 1e12;

/**
 * `String(value)`, the way a number is written into a cell, without the general float-to-text conversion, which
 * was the largest single cost of writing a packing workbook: money (cents / 100) and quantities
 * (thousandths / 1000) are written from the integer they were divided from. The text is the same: a decimal of at
 * most 15 significant digits is the shortest text that reads back as its double.
 */
export function numberText(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude < LARGEST_EXACT) {
    const sign = value < 0 ? "-" : "";
    const hundredths = Math.round(magnitude * 100);
    if (hundredths / 100 === magnitude) return sign + decimalText(hundredths, 100);
    const thousandths = Math.round(magnitude * 1000);
    if (thousandths / 1000 === magnitude) return sign + decimalText(thousandths, 1000);
  }
  return String(value);
}

/** ".05", ".5", ".29" for each number of hundredths, and ".125" for each of thousandths: built once. */
function fractionTexts(digits: number): string[] {
  return Array.from({ length: 10 ** digits }, (_, fraction) =>
    `.${String(fraction).padStart(digits, "0")}`.replace(/\.?0+$/, ""),
  );
}
const FRACTIONS: Record<100 | 1000, string[]> = { 100: fractionTexts(2), 1000: fractionTexts(3) };

/** `scaled / scale` written out, trailing zeros dropped; `scaled` is not a multiple of `scale`. */
function decimalText(scaled: number, scale: 100 | 1000): string {
  const fraction = scaled % scale;
  return `${(scaled - fraction) / scale}${FRACTIONS[scale][fraction]}`;
}
