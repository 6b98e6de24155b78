/** WhatsApp numbers are digits only, country code first, 10 to 15 of them: a phone as stored. */
export const PHONE_DIGITS = /^\d{10,15}$/;

/** Strips the punctuation people type ("+55 (84) 99999-0001"); null when what is left is not a phone. */
export function normalizePhone(text: string): string | null {
  const digits = text.replace(/[\s+().-]/g, "");
  return PHONE_DIGITS.test(digits) ? digits : null;
}

/** Only the last four digits, for logs (LGPD). */
export function maskPhone(phone: string): string {
  return `${"*".repeat(Math.max(0, phone.length - 4))}${phone.slice(-4)}`;
}
