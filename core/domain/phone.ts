/** WhatsApp numbers are digits only, country code first, 10 to 15 of them: a phone as stored. */
export const PHONE_DIGITS = /^\d{10,15}$/;

/** A phone as people type it ("+55 (84) 99999-0001"): 10 to 15 digits among spaces, "+", "(", ")", "." and "-". */
export const PHONE_AS_TYPED = /^[\s+().-]*(?:\d[\s+().-]*){10,15}$/;

/** Strips the punctuation people type; null when the text is not PHONE_AS_TYPED. */
export function normalizePhone(text: string): string | null {
  return PHONE_AS_TYPED.test(text) ? text.replace(/[\s+().-]/g, "") : null;
}

/**
 * A phone as a person types it where a Brazilian number is meant (the simulator, `sisconf chat`, ADMIN_PHONES):
 * like `normalizePhone`, and 10 or 11 digits (area code and number, as Brazilians write them) get Brazil's 55, so
 * "(84) 99999-0009", "+55 84 99999-0009" and "84999990009" are one phone.
 */
export function typedPhone(text: string): string | null {
  const digits = normalizePhone(text);
  if (!digits) return null;
  return digits.length <= 11 ? `55${digits}` : digits;
}

/** Only the last four digits, for logs (LGPD). */
export function maskPhone(phone: string): string {
  return `${"*".repeat(Math.max(0, phone.length - 4))}${phone.slice(-4)}`;
}
