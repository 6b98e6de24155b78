import { normalizePhone } from "./phone.ts";

/*
 * Who a customer is, as the transports know them: a phone (digits, country code first) when it is known, else the
 * platform's own stable id for the person:
 * - the Cloud API's business-scoped user id (BSUID): two letters of a country, a dot, then up to 128 letters and
 *   digits, `ENT.` before them for a parent id shared by several portfolios (`BR.1502576394655843`, `US.ENT.118157`);
 * - WhatsApp Web's privacy id (LID) for a sender whose phone the library cannot tell: `214000000000001@lid`.
 */

const BUSINESS_USER_ID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;
const LID = /^\d{1,24}@lid$/;

export function isBusinessUserId(text: string): boolean {
  return BUSINESS_USER_ID.test(text);
}

export function isLid(text: string): boolean {
  return LID.test(text);
}

/** A platform's id for a person, not a phone: a BSUID or a LID. */
export function isPlatformUserId(text: string): boolean {
  return isBusinessUserId(text) || isLid(text);
}

/** The customer key a transport's sender id stands for: a phone, a BSUID or a LID; null when none of them. */
export function normalizeUserId(text: string): string | null {
  return isPlatformUserId(text) ? text : normalizePhone(text);
}
