import { readFileSync } from "node:fs";

/** The demo catalog the project ships (examples/catalog.json): the one the README imports. */
export function exampleCatalog(): { providers: unknown[]; products: Array<Record<string, unknown>> } {
  return JSON.parse(readFileSync(new URL("../../examples/catalog.json", import.meta.url), "utf8"));
}
