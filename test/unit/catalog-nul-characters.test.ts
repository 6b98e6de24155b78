import { describe, expect, it } from "vitest";
import { catalogInputSchema } from "../../core/app/catalog-input.ts";
import { AppError } from "../../core/app/errors.ts";
import { parseInput } from "../../core/app/validation.ts";

const provider = { key: "horta", name: "Horta", phone: "5584911112222", email: "horta@example.com" };
const product = { sku: "tomate", name: "Tomate", unit: "kg", price: "7.50", provider: "horta", aliases: ["tomates"] };

describe("a catalog with a NUL character in a text", () => {
  it.each([
    [
      "a provider's name",
      { providers: [{ ...provider, name: "Hor\u0000ta" }], products: [product] },
      "providers[0].name",
    ],
    [
      "a product's name",
      { providers: [provider], products: [{ ...product, name: "To\u0000mate" }] },
      "products[0].name",
    ],
    [
      "a product's category",
      { providers: [provider], products: [{ ...product, category: "\u0000" }] },
      "products[0].category",
    ],
    [
      "an alias",
      { providers: [provider], products: [{ ...product, aliases: ["ok", "to\u0000m"] }] },
      "products[0].aliases",
    ],
  ])("is refused, naming %s", (_where, catalog, place) => {
    let refused: unknown;
    try {
      parseInput(catalogInputSchema, catalog);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toContain(`${place}: must not contain NUL characters`);
  });

  it("is taken when no text holds one", () => {
    expect(parseInput(catalogInputSchema, { providers: [provider], products: [product] }).products).toHaveLength(1);
  });
});
