import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeProductAvailability } from "../../core/app/change-product-availability.ts";
import { changeProductPrice } from "../../core/app/change-product-price.ts";
import { compareCatalog } from "../../core/app/compare-catalog.ts";
import { AppError } from "../../core/app/errors.ts";
import { getCatalog } from "../../core/app/get-catalog.ts";
import { importCatalog } from "../../core/app/import-catalog.ts";
import { parseCatalogFile } from "../../core/app/read-catalog-file.ts";
import { replaceCatalog } from "../../core/app/replace-catalog.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/test-database.ts";

const PRICE_LIST = `sku;name;unit;price;cost;available;provider
tomate;Tomate;kg;8,50;5,25;sim;hortifruti-sertao
morango;Morango;bandeja;12,00;8,40;não;frutas-do-vale
pitaya;Pitaya;kg;19,90;;sim;frutas-do-vale
`;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(DATABASE_KINDS)("catalog use cases on %s", (kind) => {
  let test: TestDatabase;
  const stored = async (sku: string) =>
    (await getCatalog(test.context, test.businessId)).find((product) => product.sku === sku);

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    await replaceCatalog(test.context, test.businessId, exampleCatalog());
  });
  afterAll(async () => {
    await test?.close();
  });

  it("compares a price list with the catalog without changing it, and importing it then changes just that", async () => {
    const file = await parseCatalogFile("precos.csv", new TextEncoder().encode(PRICE_LIST));
    const expected = {
      added: [{ sku: "pitaya", name: "Pitaya", priceCents: 1990, available: true }],
      priceChanges: [{ sku: "tomate", name: "Tomate", fromCents: 750, toCents: 850 }],
      costChanges: [],
      availabilityChanges: [{ sku: "morango", name: "Morango", available: false }],
      otherChanges: [],
      unchanged: 0,
    };
    const preview = await compareCatalog(test.context, test.businessId, file, "merge");
    expect(preview).toMatchObject(expected);
    expect(preview.missing).toHaveLength(38);
    expect((await stored("tomate"))?.priceCents).toBe(750);
    expect(await stored("pitaya")).toBeUndefined();

    const imported = await importCatalog(test.context, test.businessId, file, "merge");
    expect(imported.changes).toEqual(preview);
    expect(imported.deactivated).toBe(0);
    expect(await stored("tomate")).toMatchObject({ priceCents: 850, costCents: 525 });
    expect(await stored("pitaya")).toMatchObject({ priceCents: 1990, costCents: null, available: true });
    expect(await stored("morango")).toMatchObject({ available: false });
    expect(await getCatalog(test.context, test.businessId)).toHaveLength(41);
  });

  it.each([
    ["8,50", 850],
    ["9.9", 990],
    ["R$ 10,00", 1000],
    ["7", 700],
  ])("sets one product's price written %j", async (price, cents) => {
    const before = (await stored("tomate"))?.priceCents;
    const changed = await changeProductPrice(test.context, test.businessId, "tomate", price);
    expect(changed).toEqual({ sku: "tomate", name: "Tomate", fromCents: before, toCents: cents });
    expect((await stored("tomate"))?.priceCents).toBe(cents);
  });

  it.each([
    ["8,5O", "invalid_price", '"8,5O" is not a price'],
    ["-3", "invalid_price", "is not a price"],
    ["8,505", "invalid_price", "is not a price"],
    ["", "invalid_price", "is not a price"],
  ])("refuses the price %j and changes nothing", async (price, reason, message) => {
    const before = (await stored("tomate"))?.priceCents;
    const error = await refusal(changeProductPrice(test.context, test.businessId, "tomate", price));
    expect(error).toMatchObject({ code: "invalid_input", reason });
    expect(error.message).toContain(message);
    expect((await stored("tomate"))?.priceCents).toBe(before);
  });

  it("refuses a price or availability for a product the catalog does not list, active or not", async () => {
    const catalog = exampleCatalog();
    await replaceCatalog(test.context, test.businessId, {
      ...catalog,
      products: catalog.products.filter((product) => product.sku !== "mel"),
    });
    for (const sku of ["abacate", "mel"]) {
      expect(await refusal(changeProductPrice(test.context, test.businessId, sku, "9"))).toMatchObject({
        code: "not_found",
        reason: "unknown_product",
      });
      expect(await refusal(changeProductAvailability(test.context, test.businessId, sku, false))).toMatchObject({
        reason: "unknown_product",
      });
    }
  });

  it("marks a product out of stock and back, saying whether anything changed", async () => {
    expect(await changeProductAvailability(test.context, test.businessId, "alface", false)).toEqual({
      sku: "alface",
      name: "Alface Crespa",
      available: false,
      changed: true,
    });
    expect((await changeProductAvailability(test.context, test.businessId, "alface", false)).changed).toBe(false);
    expect(await stored("alface")).toMatchObject({ available: false, active: true });
    expect((await changeProductAvailability(test.context, test.businessId, "alface", true)).changed).toBe(true);
    expect((await stored("alface"))?.available).toBe(true);
  });
});
