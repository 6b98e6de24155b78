import type { Cents } from "./money.ts";
import { formatCents } from "./money.ts";

/** What a static Pix BR Code carries (Banco Central's "Manual de Padrões para Iniciação do Pix"). */
export interface StaticBrCodeInput {
  /** The Pix key as DICT registers it (see parsePixKey). */
  key: string;
  /** At most 25 characters, as pixText leaves it. */
  merchantName: string;
  /** At most 15 characters, as pixText leaves it. */
  merchantCity: string;
  /** Null: the payer types the amount. */
  amountCents: Cents | null;
  /** Letters and digits, at most 25; "***" when there is none. */
  transactionId: string;
}

export const MAX_MERCHANT_NAME_LENGTH = 25;
export const MAX_MERCHANT_CITY_LENGTH = 15;
const TRANSACTION_ID = /^(?:[A-Za-z0-9]{1,25}|\*\*\*)$/;

/** One EMV field: its two-digit id, its value's length in two digits, its value. */
function field(id: string, value: string): string {
  if (value.length > 99) throw new Error(`BR Code field ${id} is longer than 99 characters`);
  return `${id}${String(value.length).padStart(2, "0")}${value}`;
}

/** CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF), as four uppercase hexadecimal digits. */
export function crc16Ccitt(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, "0");
}

/**
 * A text as BR Codes carry names and cities: without accents, printable ASCII, spaces collapsed; null when nothing
 * is left or it is longer than `maxLength` (cutting a name silently could make the payer doubt whom they pay).
 */
export function pixText(text: string, maxLength: number): string | null {
  const plain = text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[^\x20-\x7e]/g, "")
    .trim()
    .replace(/\s+/g, " ");
  return plain === "" || plain.length > maxLength ? null : plain;
}

/**
 * The transaction id of an order's payment, "L3P42" for order #42 of batch 3: derived, so the same order always
 * gets the same code, and readable on the entrepreneur's bank statement.
 */
export function pixTransactionId(batchNumber: number, orderNumber: number): string {
  return `L${batchNumber}P${orderNumber}`;
}

/** A static BR Code, the text behind a Pix QR code and its "copia e cola". */
export function staticBrCode(input: StaticBrCodeInput): string {
  if (!TRANSACTION_ID.test(input.transactionId)) {
    throw new Error(`invalid Pix transaction id ${JSON.stringify(input.transactionId)}`);
  }
  if (input.amountCents !== null && (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0)) {
    throw new Error(`invalid Pix amount ${input.amountCents}`);
  }
  const payload = [
    field("00", "01"),
    field("26", field("00", "br.gov.bcb.pix") + field("01", input.key)),
    field("52", "0000"),
    field("53", "986"),
    input.amountCents === null ? "" : field("54", formatCents(input.amountCents)),
    field("58", "BR"),
    field("59", input.merchantName),
    field("60", input.merchantCity),
    field("62", field("05", input.transactionId)),
    "6304",
  ].join("");
  return payload + crc16Ccitt(payload);
}
