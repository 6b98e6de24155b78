import { z } from "zod";
import { formatCents, parseCents } from "../domain/money.ts";
import { MAX_PRICE_CENTS } from "../domain/money-bounds.ts";
import { PHONE_DIGITS } from "../domain/phone.ts";
import { UNITS } from "../domain/units.ts";

const key = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "lowercase letters, digits, '.', '_' or '-'");

/** PostgreSQL's text cannot hold a NUL: refused here, at the edge, instead of failing the statement. */
const text = (maximum: number) =>
  z
    .string()
    .trim()
    .max(maximum)
    .refine((value) => !value.includes("\u0000"), "must not contain a NUL character");

/** An empty value clears the field ("no category"); an absent one keeps what is stored. */
const emptyAsNull = (value: unknown) => (value === "" ? null : value);

/**
 * A provider's `name`, `phone` and `email`, when left out, keep what is stored (a new provider is named after its
 * key), so a file without the provider columns changes no provider; `null` clears a phone or an e-mail.
 */
const providerInputSchema = z.object({
  key,
  name: text(200).pipe(z.string().min(1)).optional(),
  phone: z.preprocess(
    emptyAsNull,
    z.string().trim().regex(PHONE_DIGITS, "a phone of 10 to 15 digits").nullable().optional(),
  ),
  email: z.preprocess(emptyAsNull, z.email().nullable().optional()),
});

const price = z.union([z.string(), z.number()]).transform((value, context) => {
  const cents = parseCents(String(value));
  if (cents === null || cents > MAX_PRICE_CENTS) {
    context.addIssue({
      code: "custom",
      message: `${JSON.stringify(String(value).slice(0, 20))} is not a price: write it like 7.50 or 7,50 (not negative, at most two decimals, at most ${formatCents(MAX_PRICE_CENTS)})`,
    });
    return z.NEVER;
  }
  return cents;
});

/** What the provider charges: an empty value or `null` means "no cost", never zero; left out keeps what is stored. */
const cost = z.preprocess(emptyAsNull, price.nullable().optional());

const YES = new Set(["true", "sim", "s", "yes", "y", "1"]);
const NO = new Set(["false", "não", "nao", "n", "no", "0"]);

/** In stock or not: a boolean, or the words a spreadsheet holds ("sim", "não"); an empty cell means in stock. */
const available = z.union([z.boolean(), z.string()]).transform((value, context) => {
  if (typeof value === "boolean") return value;
  const word = value.trim().toLowerCase();
  if (word === "" || YES.has(word)) return true;
  if (NO.has(word)) return false;
  context.addIssue({ code: "custom", message: `${JSON.stringify(value.slice(0, 20))} is not sim/não (true/false)` });
  return z.NEVER;
});

/**
 * A product of a catalog file or body. `cost`, `available`, `category` and `aliases`, when left out, keep what is
 * stored (a new product: no cost, available, no category, no aliases): a price list with only the required columns
 * changes prices, not the rest.
 */
const productInputSchema = z.object({
  sku: key,
  name: text(200).pipe(z.string().min(1)),
  unit: z.enum(UNITS),
  price,
  cost,
  available: available.optional(),
  provider: key,
  category: z.preprocess(emptyAsNull, text(100).nullable().optional()),
  aliases: z
    .array(text(200).pipe(z.string().min(1)))
    .max(50)
    .optional(),
});

export const catalogInputSchema = z
  .object({
    providers: z.array(providerInputSchema).max(1000),
    products: z.array(productInputSchema).max(20_000),
  })
  .superRefine((catalog, context) => {
    const providerKeys = new Set<string>();
    catalog.providers.forEach((provider, index) => {
      if (providerKeys.has(provider.key)) {
        context.addIssue({
          code: "custom",
          path: ["providers", index, "key"],
          message: `duplicate key "${provider.key}"`,
        });
      }
      providerKeys.add(provider.key);
    });
    const skus = new Set<string>();
    catalog.products.forEach((product, index) => {
      if (skus.has(product.sku)) {
        context.addIssue({
          code: "custom",
          path: ["products", index, "sku"],
          message: `duplicate sku "${product.sku}"`,
        });
      }
      skus.add(product.sku);
    });
  })
  .superRefine(refuseNulCharacters);

/**
 * No text of a catalog may hold a NUL character: PostgreSQL cannot store one, and a file that has one (a CSV saved
 * as UTF-16, a binary read as text) is not what its author meant. Each is named where it is.
 */
function refuseNulCharacters(catalog: { providers: object[]; products: object[] }, context: z.RefinementCtx): void {
  for (const list of ["providers", "products"] as const) {
    catalog[list].forEach((row, index) => {
      for (const [field, value] of Object.entries(row)) {
        const texts: unknown[] = Array.isArray(value) ? value : [value];
        if (texts.some((text) => typeof text === "string" && text.includes("\u0000"))) {
          context.addIssue({ code: "custom", path: [list, index, field], message: "must not contain NUL characters" });
        }
      }
    });
  }
}

export type CatalogInput = z.output<typeof catalogInputSchema>;
export type ProductInput = z.output<typeof productInputSchema>;
