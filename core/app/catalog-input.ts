import { z } from "zod";
import { parseCents } from "../domain/money.ts";
import { PHONE_DIGITS } from "../domain/phone.ts";
import { UNITS } from "../domain/units.ts";

const key = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "lowercase letters, digits, '.', '_' or '-'");

const providerInputSchema = z.object({
  key,
  name: z.string().trim().min(1).max(200),
  phone: z.string().trim().regex(PHONE_DIGITS, "a phone of 10 to 15 digits").optional(),
  email: z.email().optional(),
});

/** Prices are stored as 32-bit cents: R$ 21.474.836,47 at most, far above any grocery. */
const MAX_PRICE_CENTS = 2_147_483_647;

const price = z.union([z.string(), z.number()]).transform((value, context) => {
  const cents = parseCents(String(value));
  if (cents === null || cents > MAX_PRICE_CENTS) {
    context.addIssue({
      code: "custom",
      message: "a non-negative price with at most two decimals, like 7.50, below 21474836.48",
    });
    return z.NEVER;
  }
  return cents;
});

/** What the provider charges: optional, and an empty value means "not given", never zero. */
const cost = z.preprocess((value) => (value === "" || value === null ? undefined : value), price.optional());

const productInputSchema = z.object({
  sku: key,
  name: z.string().trim().min(1).max(200),
  unit: z.enum(UNITS),
  price,
  cost,
  available: z.boolean().default(true),
  provider: key,
  category: z.string().trim().max(100).optional(),
  aliases: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
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
      if (!providerKeys.has(product.provider)) {
        context.addIssue({
          code: "custom",
          path: ["products", index, "provider"],
          message: `unknown provider "${product.provider}"`,
        });
      }
    });
  });

export type CatalogInput = z.output<typeof catalogInputSchema>;
export type ProductInput = z.output<typeof productInputSchema>;
