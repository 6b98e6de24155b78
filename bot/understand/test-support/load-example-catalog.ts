import { existsSync, readFileSync } from "node:fs";
import type { CatalogEntry } from "../../../core/domain/catalog.ts";
import type { Unit } from "../../../core/domain/units.ts";

interface CatalogFileProduct {
  sku: string;
  name: string;
  unit: Unit;
  category?: string;
  aliases?: string[];
}

/** The project's demo catalog (examples/catalog.json) as catalog entries. */
export function loadExampleCatalog(): CatalogEntry[] {
  const file = JSON.parse(readFileSync(new URL("../../../examples/catalog.json", import.meta.url), "utf8")) as {
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

const PROJECT_CORPUS = new URL("./corpus/orders.pt-BR.jsonl", import.meta.url);

/**
 * The product specification's public corpus, when a copy of it sits beside the repository (../shared): an extra
 * check where it is present, never needed.
 */
export const PUBLIC_CORPUS = new URL("../../../../shared/corpus/orders.pt-BR.jsonl", import.meta.url);

/** Example messages with their readings, one object per line: the project's corpus unless another file is named. */
export function loadCorpus(file: URL = PROJECT_CORPUS): CorpusLine[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as CorpusLine);
}

export function publicCorpusIsPresent(): boolean {
  return existsSync(PUBLIC_CORPUS);
}
