import { createRequire } from "node:module";

/** qrcode-terminal ships no types; these are the few calls used. */
interface QrMatrix {
  addData(text: string): void;
  make(): void;
  getModuleCount(): number;
  isDark(row: number, column: number): boolean;
}
interface QrTerminal {
  generate(text: string, options: { small: boolean }, callback: (output: string) => void): void;
}

const require = createRequire(import.meta.url);
const qrTerminal: QrTerminal = require("qrcode-terminal");
// The QR encoder qrcode-terminal carries, reused for the page so that no second QR library is needed.
const QrCode: new (
  typeNumber: number,
  errorCorrectLevel: number,
) => QrMatrix = require("qrcode-terminal/vendor/QRCode");
const ERROR_CORRECTION_LOW = 1;

/** The QR code drawn with block characters, for a terminal. */
export function qrForTerminal(text: string): string {
  let drawn = "";
  qrTerminal.generate(text, { small: true }, (output) => {
    drawn = output;
  });
  return drawn;
}

/** The QR code as an SVG image: dark modules as squares on white, with the quiet zone scanners need. */
export function qrSvg(text: string): string {
  const matrix = new QrCode(-1, ERROR_CORRECTION_LOW);
  matrix.addData(text);
  matrix.make();
  const size = matrix.getModuleCount();
  const margin = 4;
  const squares: string[] = [];
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (matrix.isDark(row, column)) squares.push(`M${column + margin} ${row + margin}h1v1h-1z`);
    }
  }
  const side = size + margin * 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="320" height="320" ` +
    `shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path d="${squares.join("")}" fill="#000"/></svg>`
  );
}
