import type { Cents } from "./money.ts";
import type { Unit } from "./units.ts";

/** What the bot needs to know of a product to read a message: no prices, no providers. */
export interface CatalogEntry {
  sku: string;
  name: string;
  unit: Unit;
  aliases: readonly string[];
  category: string | null;
}

/** A product as the order service knows it. */
export interface Product extends CatalogEntry {
  id: number;
  priceCents: Cents;
  /** What the provider charges, when the catalog says. */
  costCents: Cents | null;
  /** False while out of stock ("acabou"): still listed, not sold. */
  available: boolean;
  providerId: number;
  providerKey: string;
  providerName: string;
  active: boolean;
}
