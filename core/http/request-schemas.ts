import { z } from "zod";
import { BATCH_STATUSES, ORDER_STATUSES } from "../domain/lifecycle.ts";
import { MAX_ORDER_LINES } from "../domain/money-bounds.ts";
import { PHONE_AS_TYPED, typedPhone } from "../domain/phone.ts";
import { MAX_QUANTITY_MILLI, milliFromNumber, milliToNumber, parseMilli } from "../domain/quantity.ts";

/**
 * An id as a path or query parameter: plain decimal digits, 1 to 2^31-1. Not `Number(text)`, which reads "0x1",
 * "1e0", " 1" and "1.0" as 1 too, so that one order would answer to many addresses.
 */
export const idParam = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, "a whole number from 1 to 2147483647, in plain digits")
  .transform(Number)
  .pipe(z.number().max(2_147_483_647, "a whole number from 1 to 2147483647, in plain digits"));

/** The longest text `POST /api/v1/parse` reads: more than any message, less than what would tie up the reader. */
export const PARSE_TEXT_LIMIT = 100_000;

const phoneAsTyped = z.string().regex(PHONE_AS_TYPED, "a phone of 10 to 15 digits");

/** A quantity as a JSON number or a decimal string ("1,5"), more than zero and at most the most a line may ask. */
const quantity = z
  .union([
    z.number().positive().max(milliToNumber(MAX_QUANTITY_MILLI)),
    z.string().regex(/^\s*\d{1,7}(?:[.,]\d{1,3})?\s*$/, "a decimal number with at most 3 decimal places"),
  ])
  .transform((value, context) => {
    const milli = typeof value === "number" ? milliFromNumber(value) : parseMilli(value);
    if (milli === null || milli <= 0) {
      context.addIssue({ code: "custom", message: "a positive number with at most 3 decimal places" });
      return z.NEVER;
    }
    return milli;
  });

export const placeOrderBody = z.object({
  phone: phoneAsTyped,
  name: z.string().max(200).optional(),
  items: z
    .array(
      z.object({
        sku: z.string().min(1).max(80),
        quantity,
        replace: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(MAX_ORDER_LINES),
});

/** A delivered quantity: zero (missing) or more, at most 3 decimal places. */
const deliveredQuantity = z.union([z.number(), z.string()]).transform((value, context) => {
  const milli = typeof value === "number" ? milliFromNumber(value) : parseMilli(value);
  if (milli === null || milli < 0) {
    context.addIssue({ code: "custom", message: "zero or a positive number with at most 3 decimal places" });
    return z.NEVER;
  }
  return milli;
});

export const deliveredQuantitiesBody = z.object({
  items: z
    .array(z.object({ sku: z.string().min(1).max(80), quantity: deliveredQuantity }))
    .min(1)
    .max(MAX_ORDER_LINES),
});

export const paymentBody = z.object({ status: z.literal("paid") });

export const orderStatusBody = z.object({ status: z.enum(ORDER_STATUSES) });
export const batchStatusBody = z.object({ status: z.enum(BATCH_STATUSES) });

export const listOrdersQuery = z.object({
  batch: idParam.optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  phone: phoneAsTyped.optional(),
});

/** A whole number in a query, from `min` to `max`, in plain digits (as idParam, for the same reason). */
function wholeNumberParam(min: number, max: number) {
  const expected = `a whole number from ${min} to ${max}, in plain digits`;
  return z
    .string()
    .regex(/^\d{1,9}$/, expected)
    .transform(Number)
    .pipe(z.number().min(min, expected).max(max, expected));
}

/** Customers come a page at a time: at most this many. */
export const MAX_CUSTOMERS_PAGE = 500;
export const MAX_CUSTOMERS_OFFSET = 1_000_000;
export const listCustomersQuery = z.object({
  limit: wholeNumberParam(1, MAX_CUSTOMERS_PAGE).optional(),
  offset: wholeNumberParam(0, MAX_CUSTOMERS_OFFSET).optional(),
});

export const listHandoffsQuery = z.object({ status: z.enum(["open", "answered"]).optional() });
export const handoffNumberParam = idParam;
export const answerHandoffBody = z.object({
  text: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(4096, "at most 4096 characters")
    .refine((text) => !text.includes("\u0000"), "must not contain NUL characters"),
});

/** A phone in a path, written as people do ("+55 84 99999-0001"): its digits. */
export const phoneParam = z.string().transform((text, context) => {
  const phone = typedPhone(text);
  if (phone === null) {
    context.addIssue({ code: "custom", message: "a phone of 10 to 15 digits" });
    return z.NEVER;
  }
  return phone;
});
