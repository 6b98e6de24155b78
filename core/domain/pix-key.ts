/** The kinds of key the Banco Central's directory (DICT) registers. */
export type PixKeyKind = "cpf" | "cnpj" | "email" | "phone" | "random";

/** A Pix key as it goes into a BR Code: CPF and CNPJ as digits, a phone as +55…, e-mail and random key lowercase. */
export interface PixKey {
  kind: PixKeyKind;
  value: string;
}

const EMAIL = /^[\x21-\x3f\x41-\x7e]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const RANDOM_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** +55, a two-digit area code (no zeros), then 8 digits (landline) or 9 starting with 9 (mobile). */
const PHONE = /^\+55[1-9]{2}(9\d{8}|[2-8]\d{7})$/;
/** The longest e-mail key DICT accepts. */
const MAX_EMAIL_LENGTH = 77;

/** A check digit of CPF and CNPJ: the weighted sum modulo 11, where 0 and 1 give 0. */
function checkDigit(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (const [index, weight] of weights.entries()) sum += Number(digits[index]) * weight;
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}

/** An 11-digit CPF whose two check digits are right (and not one digit repeated, which passes the sums). */
export function isValidCpf(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  const first = checkDigit(digits, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = checkDigit(digits, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return digits.endsWith(`${first}${second}`);
}

/** A 14-digit CNPJ whose two check digits are right. */
export function isValidCnpj(digits: string): boolean {
  if (!/^\d{14}$/.test(digits) || /^(\d)\1{13}$/.test(digits)) return false;
  const first = checkDigit(digits, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const second = checkDigit(digits, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  return digits.endsWith(`${first}${second}`);
}

/**
 * Reads a Pix key as people write it ("123.456.789-09", "12.345.678/0001-95", "+55 (84) 99999-0001", an e-mail, a
 * random key) and answers it as a BR Code carries it, or what is wrong with it. Eleven digits are a CPF: a phone
 * key is written with +55, as DICT registers it.
 */
export function parsePixKey(text: string): { ok: true; key: PixKey } | { ok: false; problem: string } {
  const trimmed = text.trim();
  if (trimmed.includes("@")) {
    const email = trimmed.toLowerCase();
    if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) return { ok: false, problem: "not a valid e-mail key" };
    return { ok: true, key: { kind: "email", value: email } };
  }
  if (RANDOM_KEY.test(trimmed.toLowerCase()))
    return { ok: true, key: { kind: "random", value: trimmed.toLowerCase() } };
  const compact = trimmed.replace(/[\s().\-/]/g, "");
  if (compact.startsWith("+")) {
    if (!PHONE.test(compact)) return { ok: false, problem: "a phone key is +55, the area code and the number" };
    return { ok: true, key: { kind: "phone", value: compact } };
  }
  if (/^\d{11}$/.test(compact)) {
    if (!isValidCpf(compact)) return { ok: false, problem: "a CPF whose check digits are wrong" };
    return { ok: true, key: { kind: "cpf", value: compact } };
  }
  if (/^\d{14}$/.test(compact)) {
    if (!isValidCnpj(compact)) return { ok: false, problem: "a CNPJ whose check digits are wrong" };
    return { ok: true, key: { kind: "cnpj", value: compact } };
  }
  return { ok: false, problem: "a CPF, a CNPJ, an e-mail, a +55 phone or a random key (UUID)" };
}
