import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalogInputSchema } from "../../core/app/catalog-input.ts";
import { maxDeliveredMilli } from "../../core/domain/delivered-quantity.ts";
import { parseDeliveryFees } from "../../core/domain/delivery-fees.ts";
import { formatCents, lineTotal } from "../../core/domain/money.ts";
import {
  MAX_BATCH_ORDERS,
  MAX_BATCH_SUM_CENTS,
  MAX_DELIVERY_FEE_CENTS,
  MAX_ORDER_LINES,
  MAX_PRICE_CENTS,
} from "../../core/domain/money-bounds.ts";
import { MAX_QUANTITY_MILLI } from "../../core/domain/quantity.ts";

/*
 * The bounds on prices, quantities, lines per order and orders per batch keep every money sum exact as a
 * JavaScript number. Each sum is checked the way the code makes it: line totals by lineTotal, an order's total as
 * their sum, a batch's as the sum of its orders' (what SQL's sum() hands back and is read as a number), against the
 * same sum in bigint.
 */
const runs = { seed: 20261207, numRuns: 300 };
const MAX_LINE_MILLI = maxDeliveredMilli(MAX_QUANTITY_MILLI);

/** A line within the bounds, drawn often at the bounds themselves. */
const line = fc.record({
  priceCents: fc.oneof(fc.constant(MAX_PRICE_CENTS), fc.integer({ min: 0, max: MAX_PRICE_CENTS })),
  quantityMilli: fc.oneof(fc.constant(MAX_LINE_MILLI), fc.integer({ min: 1, max: MAX_LINE_MILLI })),
});
/** An order within the bounds: its lines, its delivery fee, and how many orders like it the batch holds. */
const order = fc.record({
  lines: fc.array(line, { minLength: 1, maxLength: MAX_ORDER_LINES }),
  feeCents: fc.integer({ min: 0, max: MAX_DELIVERY_FEE_CENTS }),
  copies: fc.integer({ min: 1, max: MAX_BATCH_ORDERS }),
});
/** A batch of orders with their copies, at most MAX_BATCH_ORDERS of them in all. */
const batch = fc.array(order, { minLength: 1, maxLength: 8 }).map((orders) => {
  let left = MAX_BATCH_ORDERS;
  return orders
    .map((each) => {
      const copies = Math.min(each.copies, left);
      left -= copies;
      return { ...each, copies };
    })
    .filter((each) => each.copies > 0);
});

function orderTotal(each: { lines: { priceCents: number; quantityMilli: number }[]; feeCents: number }): number {
  return each.lines.reduce((sum, item) => sum + lineTotal(item.priceCents, item.quantityMilli), 0) + each.feeCents;
}

function exactOrderTotal(each: { lines: { priceCents: number; quantityMilli: number }[]; feeCents: number }): bigint {
  // lineTotal in bigint: half up to the cent, as in the database's sisconf_line_total.
  const lines = each.lines.map((item) => (BigInt(item.priceCents) * BigInt(item.quantityMilli) + 500n) / 1000n);
  return lines.reduce((sum, total) => sum + total, 0n) + BigInt(each.feeCents);
}

describe("money sums within the bounds", () => {
  it("stay below Number.MAX_SAFE_INTEGER even for the largest batch the bounds allow", () => {
    expect(MAX_BATCH_SUM_CENTS).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    // The example at the limit: every order of the fullest batch at the dearest price, the largest delivered
    // quantity of each of its lines and the dearest fee, summed one order after another as SQL's rows are read.
    const largest = {
      lines: Array(MAX_ORDER_LINES).fill({ priceCents: MAX_PRICE_CENTS, quantityMilli: MAX_LINE_MILLI }),
      feeCents: MAX_DELIVERY_FEE_CENTS,
    };
    let sum = 0;
    for (let index = 0; index < MAX_BATCH_ORDERS; index++) sum += orderTotal(largest);
    expect(sum).toBe(MAX_BATCH_SUM_CENTS);
    expect(BigInt(sum)).toBe(exactOrderTotal(largest) * BigInt(MAX_BATCH_ORDERS));
    expect(formatCents(sum)).toBe("80000200000000.00");
  });

  it("shows what the bounds prevent: past 2^53 cents, a JavaScript sum loses the odd cent", () => {
    const past = Number.MAX_SAFE_INTEGER + 1;
    expect(past + 1).toBe(past);
    expect(BigInt(past) + 1n).not.toBe(BigInt(past + 1));
  });

  it("are exact for any batch of orders within them, order by order and over the batch", () => {
    fc.assert(
      fc.property(batch, (orders) => {
        let sum = 0;
        let exact = 0n;
        for (const each of orders) {
          const total = orderTotal(each);
          if (BigInt(total) !== exactOrderTotal(each)) return false;
          sum += total * each.copies;
          exact += exactOrderTotal(each) * BigInt(each.copies);
        }
        return Number.isSafeInteger(sum) && BigInt(sum) === exact && sum <= MAX_BATCH_SUM_CENTS;
      }),
      runs,
    );
  });
});

describe("inputs past the bounds are refused where they enter", () => {
  const catalogWith = (price: string, cost?: string) => ({
    providers: [{ key: "horta", name: "Horta" }],
    products: [{ sku: "caixa", name: "Caixa", unit: "cx", price, provider: "horta", ...(cost ? { cost } : {}) }],
  });

  it("takes any price and cost up to the bound in a catalog, and none above it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * MAX_PRICE_CENTS }), fc.boolean(), (cents, asCost) => {
        const written = formatCents(cents);
        const parsed = catalogInputSchema.safeParse(asCost ? catalogWith("1.00", written) : catalogWith(written));
        return parsed.success === cents <= MAX_PRICE_CENTS;
      }),
      runs,
    );
  });

  it.each([
    [`Centro=${formatCents(MAX_DELIVERY_FEE_CENTS)}`, true],
    [`Centro=${formatCents(MAX_DELIVERY_FEE_CENTS + 1)}`, false],
    [`*=${formatCents(MAX_DELIVERY_FEE_CENTS + 1)}`, false],
  ])("reads DELIVERY_FEES %s as accepted: %s", (text, accepted) => {
    expect(parseDeliveryFees(text).ok).toBe(accepted);
  });
});
