import { normalizePhone } from "./phone.ts";

/*
 * Who a customer is, as the transports know them: a phone (digits, country code first) when it is known, else the
 * Cloud API's business-scoped user id (BSUID): two letters of a country, a dot, then up to 128 letters and digits,
 * `ENT.` before them for a parent id shared by several portfolios (`BR.1502576394655843`, `US.ENT.118157`).
 */

const BUSINESS_USER_ID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

export function isBusinessUserId(text: string): boolean {
  return BUSINESS_USER_ID.test(text);
}

/** The customer key a transport's sender id stands for: a phone, or a business-scoped id; null when neither. */
export function normalizeUserId(text: string): string | null {
  return isBusinessUserId(text) ? text : normalizePhone(text);
}
