import { readFileSync } from "node:fs";
import type { CatalogEntry } from "../../../core/domain/catalog.ts";
import type { Unit } from "../../../core/domain/units.ts";

interface CatalogFileProduct {
  sku: string;
  name: string;
  unit: Unit;
  category?: string;
  aliases?: string[];
}

/** The shared example catalog (../shared/spec/catalog.example.json beside the repository) as catalog entries. */
export function loadExampleCatalog(): CatalogEntry[] {
  const file = JSON.parse(
    readFileSync(new URL("../../../../shared/spec/catalog.example.json", import.meta.url), "utf8"),
  ) as {
    products: CatalogFileProduct[];
  };
  return file.products.map((product) => ({
    sku: product.sku,
    name: product.name,
    unit: product.unit,
    aliases: product.aliases ?? [],
    category: product.category ?? null,
  }));
}

export interface CorpusLine {
  text: string;
  intent: string;
  items?: { sku: string; quantity?: number; unit?: string }[];
  unknown?: string[];
  clarify?: string[];
  status?: string;
  order?: number;
}

/** The shared corpus of example messages (../shared/corpus/orders.pt-BR.jsonl), one object per line. */
export function loadCorpus(): CorpusLine[] {
  return readFileSync(new URL("../../../../shared/corpus/orders.pt-BR.jsonl", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as CorpusLine);
}
