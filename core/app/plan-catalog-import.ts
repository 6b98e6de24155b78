import { eq } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { products, providers } from "../db/schema.ts";
import type { Cents } from "../domain/money.ts";
import type { CatalogInput } from "./catalog-input.ts";
import { invalidInput } from "./errors.ts";

/** How an import treats the products a file lacks: a merge keeps them, a replace deactivates them. */
export type ImportMode = "merge" | "replace";

type Named = { sku: string; name: string };

/** What an import changes in the active catalog, as a value the chat and the command line show. */
export interface CatalogChanges {
  /** Products not in the active catalog before (new, or listed again). */
  added: (Named & { priceCents: Cents; available: boolean })[];
  priceChanges: (Named & { fromCents: Cents; toCents: Cents })[];
  costChanges: (Named & { fromCents: Cents | null; toCents: Cents | null })[];
  availabilityChanges: (Named & { available: boolean })[];
  /** Changes of name, unit, provider, category or aliases. */
  otherChanges: (Named & { fields: DetailField[] })[];
  /** Active products the file lacks: deactivated by a replace, kept by a merge. */
  missing: Named[];
  /** Products of the file that change in nothing. */
  unchanged: number;
}

const DETAIL_FIELDS = ["name", "unit", "provider", "category", "aliases"] as const;
type DetailField = (typeof DETAIL_FIELDS)[number];

export interface ProviderRow {
  id: number | null;
  key: string;
  name: string;
  phone: string | null;
  email: string | null;
  active: boolean;
}

/** A product as stored, with its provider's key: what an import compares the file with and writes. */
export interface ProductRow {
  sku: string;
  name: string;
  unit: string;
  priceCents: Cents;
  costCents: Cents | null;
  available: boolean;
  provider: string;
  category: string | null;
  aliases: string[];
  active: boolean;
}

export interface CatalogImportPlan {
  changes: CatalogChanges;
  /** Providers to insert or update: new ones, changed ones, and inactive ones the file's products name. */
  providerWrites: ProviderRow[];
  /** Products to insert or update, whole: new, changed or listed again. Unchanged ones are not written. */
  productWrites: ProductRow[];
}

/** The business's whole catalog as stored, active or not, read for an import. */
export async function loadStoredCatalog(executor: Executor, businessId: number) {
  const [storedProviders, storedProducts] = await Promise.all([
    executor.select().from(providers).where(eq(providers.businessId, businessId)),
    executor
      .select({
        sku: products.sku,
        name: products.name,
        unit: products.unit,
        priceCents: products.priceCents,
        costCents: products.costCents,
        available: products.available,
        provider: providers.key,
        category: products.category,
        aliases: products.aliases,
        active: products.active,
      })
      .from(products)
      .innerJoin(providers, eq(providers.id, products.providerId))
      .where(eq(products.businessId, businessId)),
  ]);
  return {
    providers: storedProviders.map(
      (row): ProviderRow => ({
        id: row.id,
        key: row.key,
        name: row.name,
        phone: row.phone,
        email: row.email,
        active: row.active,
      }),
    ),
    products: storedProducts satisfies ProductRow[],
  };
}

export type StoredCatalog = Awaited<ReturnType<typeof loadStoredCatalog>>;

/**
 * What importing `input` into `stored` does, pure: each product and provider resolved whole (a field the file
 * leaves out keeps its stored value, or its default when new), the rows that must be written, and what changes.
 * A product naming a provider that is neither in the file nor stored is refused; so is, in a replace, one naming a
 * provider the file lacks (the replace deactivates it).
 */
export function planCatalogImport(stored: StoredCatalog, input: CatalogInput, mode: ImportMode): CatalogImportPlan {
  const storedProviders = new Map(stored.providers.map((provider) => [provider.key, provider]));
  const storedProducts = new Map(stored.products.map((product) => [product.sku, product]));

  const providerWrites: ProviderRow[] = [];
  const fileProviders = new Set<string>();
  for (const given of input.providers) {
    fileProviders.add(given.key);
    const before = storedProviders.get(given.key);
    const after: ProviderRow = {
      id: before?.id ?? null,
      key: given.key,
      name: given.name ?? before?.name ?? titleFromKey(given.key),
      phone: given.phone === undefined ? (before?.phone ?? null) : given.phone,
      email: given.email === undefined ? (before?.email ?? null) : given.email,
      active: true,
    };
    if (!before || PROVIDER_FIELDS.some((field) => before[field] !== after[field])) providerWrites.push(after);
  }

  const problems: string[] = [];
  input.products.forEach((product, index) => {
    if (fileProviders.has(product.provider)) return;
    const storedProvider = storedProviders.get(product.provider);
    if (mode === "merge" && storedProvider) {
      if (!storedProvider.active) providerWrites.push({ ...storedProvider, active: true });
      fileProviders.add(product.provider);
      return;
    }
    problems.push(`products[${index}].provider: unknown provider "${product.provider}"`);
  });
  if (problems.length > 0) throw invalidInput("invalid_input", problems.slice(0, 20).join("; "), { problems });

  const changes: CatalogChanges = {
    added: [],
    priceChanges: [],
    costChanges: [],
    availabilityChanges: [],
    otherChanges: [],
    missing: [],
    unchanged: 0,
  };
  const productWrites: ProductRow[] = [];
  for (const given of input.products) {
    const before = storedProducts.get(given.sku);
    const after: ProductRow = {
      sku: given.sku,
      name: given.name,
      unit: given.unit,
      priceCents: given.price,
      costCents: given.cost === undefined ? (before?.costCents ?? null) : given.cost,
      available: given.available ?? before?.available ?? true,
      provider: given.provider,
      category: given.category === undefined ? (before?.category ?? null) : given.category,
      aliases: given.aliases ?? before?.aliases ?? [],
      active: true,
    };
    const named = { sku: after.sku, name: after.name };
    if (!before?.active) {
      changes.added.push({ ...named, priceCents: after.priceCents, available: after.available });
      productWrites.push(after);
      continue;
    }
    if (PRODUCT_FIELDS.every((field) => sameJson(before[field], after[field]))) {
      changes.unchanged++;
      continue;
    }
    productWrites.push(after);
    if (before.priceCents !== after.priceCents) {
      changes.priceChanges.push({ ...named, fromCents: before.priceCents, toCents: after.priceCents });
    }
    if (before.costCents !== after.costCents) {
      changes.costChanges.push({ ...named, fromCents: before.costCents, toCents: after.costCents });
    }
    if (before.available !== after.available)
      changes.availabilityChanges.push({ ...named, available: after.available });
    const fields = DETAIL_FIELDS.filter((field) => !sameJson(before[field], after[field]));
    if (fields.length > 0) changes.otherChanges.push({ ...named, fields });
  }
  const inFile = new Set(input.products.map((product) => product.sku));
  for (const product of stored.products) {
    if (product.active && !inFile.has(product.sku)) changes.missing.push({ sku: product.sku, name: product.name });
  }

  return {
    changes,
    providerWrites,
    productWrites,
  };
}

const PROVIDER_FIELDS = ["name", "phone", "email", "active"] as const;
const PRODUCT_FIELDS = [...DETAIL_FIELDS, "priceCents", "costCents", "available"] as const;

/** Field values compared: strings, numbers, booleans, null, or a list of strings. */
function sameJson(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

function titleFromKey(key: string): string {
  return key
    .split(/[-_.]/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(" ");
}
