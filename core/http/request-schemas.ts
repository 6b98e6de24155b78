import { z } from "zod";
import { BATCH_STATUSES, ORDER_STATUSES } from "../domain/lifecycle.ts";
import { normalizePhone } from "../domain/phone.ts";
import { milliFromNumber, parseMilli } from "../domain/quantity.ts";

export const idParam = z.coerce.number().int().positive().max(2_147_483_647);

const quantity = z.union([z.number(), z.string()]).transform((value, context) => {
  const milli = typeof value === "number" ? milliFromNumber(value) : parseMilli(value);
  if (milli === null || milli <= 0) {
    context.addIssue({ code: "custom", message: "a positive number with at most 3 decimal places" });
    return z.NEVER;
  }
  return milli;
});

export const placeOrderBody = z.object({
  phone: z.string().refine((text) => normalizePhone(text) !== null, "a phone of 10 to 15 digits"),
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
    .max(200),
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
    .max(200),
});

export const paymentBody = z.object({ status: z.literal("paid") });

export const orderStatusBody = z.object({ status: z.enum(ORDER_STATUSES) });
export const batchStatusBody = z.object({ status: z.enum(BATCH_STATUSES) });

export const listOrdersQuery = z.object({
  batch: idParam.optional(),
  status: z.string().optional(),
  phone: z.string().optional(),
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
  const phone = normalizePhone(text);
  if (phone === null) {
    context.addIssue({ code: "custom", message: "a phone of 10 to 15 digits" });
    return z.NEVER;
  }
  return phone;
});
