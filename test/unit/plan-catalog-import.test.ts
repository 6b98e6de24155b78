import { describe, expect, it } from "vitest";
import type { CatalogInput, ProductInput } from "../../core/app/catalog-input.ts";
import { type ImportMode, planCatalogImport, type StoredCatalog } from "../../core/app/plan-catalog-import.ts";

const stored: StoredCatalog = {
  providers: [
    { id: 1, key: "horta", name: "Horta do Zé", phone: "5584988880001", email: null, active: true },
    { id: 2, key: "granja", name: "Granja", phone: null, email: null, active: false },
  ],
  products: [
    {
      sku: "tomate",
      name: "Tomate",
      unit: "kg",
      priceCents: 750,
      costCents: 525,
      available: true,
      provider: "horta",
      category: "Legumes",
      aliases: ["tomates"],
      active: true,
    },
    {
      sku: "morango",
      name: "Morango",
      unit: "bandeja",
      priceCents: 1200,
      costCents: null,
      available: false,
      provider: "horta",
      category: null,
      aliases: [],
      active: true,
    },
    {
      sku: "mel",
      name: "Mel",
      unit: "un",
      priceCents: 2500,
      costCents: null,
      available: true,
      provider: "horta",
      category: null,
      aliases: [],
      active: false,
    },
  ],
};

const tomate: ProductInput = { sku: "tomate", name: "Tomate", unit: "kg", price: 750, provider: "horta" };
const input = (products: ProductInput[], providers: CatalogInput["providers"] = [{ key: "horta" }]) => ({
  providers,
  products,
});

describe("planning an import compares the file with the stored catalog", () => {
  it.each<[string, CatalogInput, Partial<ReturnType<typeof planCatalogImport>["changes"]>]>([
    ["a product as stored, its optional fields left out, is unchanged", input([tomate]), { unchanged: 1 }],
    [
      "a new price is a price change",
      input([{ ...tomate, price: 850 }]),
      { priceChanges: [{ sku: "tomate", name: "Tomate", fromCents: 750, toCents: 850 }], unchanged: 0 },
    ],
    [
      "a cost given as null clears it: a cost change to none",
      input([{ ...tomate, cost: null }]),
      { costChanges: [{ sku: "tomate", name: "Tomate", fromCents: 525, toCents: null }] },
    ],
    [
      "availability given changes it; left out keeps it",
      input([
        { ...tomate, available: false },
        { sku: "morango", name: "Morango", unit: "bandeja", price: 1200, provider: "horta" },
      ]),
      { availabilityChanges: [{ sku: "tomate", name: "Tomate", available: false }], unchanged: 1 },
    ],
    [
      "a new name, unit, category or aliases are other changes, named by field",
      input([{ ...tomate, name: "Tomate Italiano", unit: "un", category: null, aliases: [] }]),
      { otherChanges: [{ sku: "tomate", name: "Tomate Italiano", fields: ["name", "unit", "category", "aliases"] }] },
    ],
    [
      "a product stored but inactive is added again",
      input([{ sku: "mel", name: "Mel", unit: "un", price: 2500, provider: "horta" }]),
      { added: [{ sku: "mel", name: "Mel", priceCents: 2500, available: true }] },
    ],
    [
      "the active products the file lacks are missing, the inactive ones are not",
      input([tomate]),
      { missing: [{ sku: "morango", name: "Morango" }] },
    ],
  ])("%s", (_label, catalog, expected) => {
    expect(planCatalogImport(stored, catalog, "merge").changes).toMatchObject(expected);
  });

  it("writes only what changes, whole, with the stored values of the fields left out", () => {
    const plan = planCatalogImport(stored, input([tomate, { ...tomate, sku: "cebola", name: "Cebola" }]), "merge");
    expect(plan.productWrites).toEqual([
      {
        sku: "cebola",
        name: "Cebola",
        unit: "kg",
        priceCents: 750,
        costCents: null,
        available: true,
        provider: "horta",
        category: null,
        aliases: [],
        active: true,
      },
    ]);
    expect(plan.providerWrites).toEqual([]);
  });

  it.each<[string, CatalogInput["providers"][number], object | null]>([
    ["a provider given by key alone changes nothing", { key: "horta" }, null],
    [
      "a new name is written, the phone kept",
      { key: "horta", name: "Horta" },
      { name: "Horta", phone: "5584988880001" },
    ],
    ["a phone given as null is cleared", { key: "horta", phone: null }, { name: "Horta do Zé", phone: null }],
    ["a new provider is named after its key", { key: "sitio-boa-vista" }, { name: "Sitio Boa Vista", id: null }],
  ])("%s", (_label, provider, written) => {
    const plan = planCatalogImport(stored, input([], [provider]), "replace");
    expect(plan.providerWrites).toEqual(written ? [expect.objectContaining(written)] : []);
  });

  it.each<[string, ImportMode, string | null]>([
    ["a merge may name a stored provider the file lacks, listing it again", "merge", null],
    ["a replace may not: it deactivates the providers the file lacks", "replace", 'unknown provider "granja"'],
  ])("%s", (_label, mode, refusal) => {
    const catalog = input([{ ...tomate, provider: "granja" }], []);
    if (refusal) {
      expect(() => planCatalogImport(stored, catalog, mode)).toThrow(refusal);
    } else {
      // The inactive provider is listed again for the product that names it.
      expect(planCatalogImport(stored, catalog, mode).providerWrites).toEqual([
        expect.objectContaining({ key: "granja", active: true }),
      ]);
    }
  });

  it("refuses a provider neither in the file nor stored, in a merge too", () => {
    expect(() => planCatalogImport(stored, input([{ ...tomate, provider: "ninguem" }], []), "merge")).toThrow(
      'unknown provider "ninguem"',
    );
  });
});
