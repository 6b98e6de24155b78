import { readFileSync } from "node:fs";

/** The demo catalog PRODUCT.md ships, beside the repository in ../shared. */
export function exampleCatalog(): { providers: unknown[]; products: Array<Record<string, unknown>> } {
  return JSON.parse(readFileSync(new URL("../../../shared/spec/catalog.example.json", import.meta.url), "utf8"));
}
