import { comparableText } from "./comparable-text.ts";
import type { DeliveryChoice } from "./delivery.ts";
import { type Cents, formatCents, parseCents } from "./money.ts";
import { MAX_DELIVERY_FEE_CENTS } from "./money-bounds.ts";

/** DELIVERY_FEES read: a fee per neighbourhood (by its key) and one for the rest (`*`, zero when not given). */
export interface DeliveryFees {
  byNeighbourhood: ReadonlyMap<string, Cents>;
  otherwise: Cents;
}

export const NO_DELIVERY_FEES: DeliveryFees = { byNeighbourhood: new Map(), otherwise: 0 };

/** How a neighbourhood is compared: see comparableText. */
export const neighbourhoodKey = comparableText;

/**
 * Reads `Centro=5.00;Lagoa Nova=7.50;*=10.00`: `neighbourhood=fee` pairs separated by `;`, `*` for every other
 * neighbourhood. Answers the fees, or what is wrong with the text.
 */
export function parseDeliveryFees(text: string): { ok: true; fees: DeliveryFees } | { ok: false; problem: string } {
  const byNeighbourhood = new Map<string, Cents>();
  let otherwise: Cents | null = null;
  const entries = text
    .split(";")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const separator = entry.lastIndexOf("=");
    const name = separator < 0 ? "" : entry.slice(0, separator).trim();
    const fee = separator < 0 ? null : parseCents(entry.slice(separator + 1));
    if (!name || fee === null) {
      return { ok: false, problem: `"${entry}" is not neighbourhood=fee, e.g. Centro=5.00` };
    }
    if (fee > MAX_DELIVERY_FEE_CENTS) {
      return {
        ok: false,
        problem: `the fee of ${name} is over the most a delivery may cost, ${formatCents(MAX_DELIVERY_FEE_CENTS)}`,
      };
    }
    if (name === "*") {
      if (otherwise !== null) return { ok: false, problem: "* is given twice" };
      otherwise = fee;
      continue;
    }
    const key = neighbourhoodKey(name);
    if (byNeighbourhood.has(key)) return { ok: false, problem: `${name} is given twice` };
    byNeighbourhood.set(key, fee);
  }
  return { ok: true, fees: { byNeighbourhood, otherwise: otherwise ?? 0 } };
}

/** The fee of a delivery to that neighbourhood; pickup is free. */
export function deliveryFee(fees: DeliveryFees, choice: DeliveryChoice): Cents {
  if (choice.kind === "pickup") return 0;
  return fees.byNeighbourhood.get(neighbourhoodKey(choice.address.neighbourhood)) ?? fees.otherwise;
}
