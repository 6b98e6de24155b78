import { maxDeliveredMilli } from "./delivered-quantity.ts";
import { type Cents, lineTotal } from "./money.ts";
import { MAX_QUANTITY_MILLI } from "./quantity.ts";

/*
 * Why money sums are bounded rather than summed exactly. Every amount SISCONF shows ends in a double: JSON numbers
 * and JavaScript's, each spreadsheet cell (Excel and LibreOffice keep 15 significant digits), each Prometheus
 * sample. Summing exactly (bigint end to end) would still print a rounded number in those, so instead the inputs
 * are bounded where they enter, and the bounds together keep the largest sum anything makes (a batch's total,
 * final totals and delivery fees included) below Number.MAX_SAFE_INTEGER cents: every sum read from SQL as a
 * JavaScript number is then exact. The limits are far above any grocery's week:
 *
 *   price or cost of one unit   ≤ R$ 10.000,00        (catalog file, REST catalog, "preço X" in chat)
 *   quantity of one line        ≤ 1,000 of its unit   (MAX_QUANTITY_MILLI; delivered ≤ twice that)
 *   lines in one order          ≤ 200                 (placeOrder, and sisconf_place_order as orders merge)
 *   orders in one batch         ≤ 20,000              (sisconf_place_order, on an order's first confirmation)
 *   delivery fee                ≤ R$ 10.000,00        (DELIVERY_FEES, read at start)
 *
 * 20,000 × (200 × R$ 20.000.000,00 + R$ 10.000,00) is 8.0 × 10^15 cents, under 2^53 ≈ 9.007 × 10^15 with room for
 * 2,500 orders more: first confirmations share the batch's lock, so a few arriving together may pass the count
 * at once, never thousands. What stays unbounded is the payment metric summed over every batch ever, a gauge that
 * is a double anyway.
 */

/** The most one unit of a product may cost a customer or the entrepreneur, in cents: R$ 10.000,00. */
export const MAX_PRICE_CENTS: Cents = 1_000_000;

/** The most distinct products one order holds. */
export const MAX_ORDER_LINES = 200;

/** The most orders one batch takes (cancelled ones included). */
export const MAX_BATCH_ORDERS = 20_000;

/** The most one delivery may cost, in cents. */
export const MAX_DELIVERY_FEE_CENTS: Cents = MAX_PRICE_CENTS;

/** The largest amount any sum over one batch can reach under the bounds above (a test holds it below 2^53). */
export const MAX_BATCH_SUM_CENTS: Cents =
  MAX_BATCH_ORDERS *
  (MAX_ORDER_LINES * lineTotal(MAX_PRICE_CENTS, maxDeliveredMilli(MAX_QUANTITY_MILLI)) + MAX_DELIVERY_FEE_CENTS);
