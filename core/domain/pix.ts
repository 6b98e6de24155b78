import {
  MAX_MERCHANT_CITY_LENGTH,
  MAX_MERCHANT_NAME_LENGTH,
  pixText,
  pixTransactionId,
  staticBrCode,
} from "./br-code.ts";
import type { Cents } from "./money.ts";
import { type PixKey, parsePixKey } from "./pix-key.ts";

/** PIX_KEY, PIX_MERCHANT_NAME and PIX_MERCHANT_CITY, read and checked. */
export interface PixSettings {
  key: PixKey;
  merchantName: string;
  merchantCity: string;
}

export type PixSettingsProblem = { variable: "PIX_KEY" | "PIX_MERCHANT_NAME" | "PIX_MERCHANT_CITY"; problem: string };

/** Reads the three variables together: all unset means no Pix codes; a key needs its holder's name and city. */
export function readPixSettings(variables: {
  key: string | undefined;
  merchantName: string | undefined;
  merchantCity: string | undefined;
}): { ok: true; settings: PixSettings | null } | { ok: false; problems: PixSettingsProblem[] } {
  const problems: PixSettingsProblem[] = [];
  if (variables.key === undefined) {
    if (variables.merchantName !== undefined)
      problems.push({ variable: "PIX_MERCHANT_NAME", problem: "needs PIX_KEY" });
    if (variables.merchantCity !== undefined)
      problems.push({ variable: "PIX_MERCHANT_CITY", problem: "needs PIX_KEY" });
    return problems.length > 0 ? { ok: false, problems } : { ok: true, settings: null };
  }
  const key = parsePixKey(variables.key);
  if (!key.ok) problems.push({ variable: "PIX_KEY", problem: key.problem });
  const merchantName = pixText(variables.merchantName ?? "", MAX_MERCHANT_NAME_LENGTH);
  if (merchantName === null) {
    problems.push({
      variable: "PIX_MERCHANT_NAME",
      problem: `the key holder's name, 1 to ${MAX_MERCHANT_NAME_LENGTH} characters, required with PIX_KEY`,
    });
  }
  const merchantCity = pixText(variables.merchantCity ?? "", MAX_MERCHANT_CITY_LENGTH);
  if (merchantCity === null) {
    problems.push({
      variable: "PIX_MERCHANT_CITY",
      problem: `the key holder's city, 1 to ${MAX_MERCHANT_CITY_LENGTH} characters, required with PIX_KEY`,
    });
  }
  if (!key.ok || merchantName === null || merchantCity === null) return { ok: false, problems };
  return { ok: true, settings: { key: key.key, merchantName, merchantCity } };
}

/**
 * The Pix "copia e cola" for exactly an order's final total, or null when there is nothing to pay by Pix (no
 * settings, a total not known yet, or zero).
 */
export function orderPixCode(
  settings: PixSettings | null,
  order: { batchNumber: number; number: number; finalTotalCents: Cents | null },
): string | null {
  if (!settings || order.finalTotalCents === null || order.finalTotalCents <= 0) return null;
  return staticBrCode({
    key: settings.key.value,
    merchantName: settings.merchantName,
    merchantCity: settings.merchantCity,
    amountCents: order.finalTotalCents,
    transactionId: pixTransactionId(order.batchNumber, order.number),
  });
}
