import { compileCatalog } from "../compile-catalog.ts";
import { loadExampleCatalog } from "./load-example-catalog.ts";

/** The shared example catalog, compiled once for every test file that uses it. */
export const exampleCatalog = compileCatalog(loadExampleCatalog());
