import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const database = path.join(root, "core/db");

/** Every TypeScript file under `folder`, tests included (a test of the room keeps to its rules too). */
function typeScriptFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.join(folder, file));
}

/** What a file imports or re-exports, statically or dynamically, type-only included. */
function importedPaths(source: string): string[] {
  const specifiers = [
    ...source.matchAll(/\b(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']/g),
    ...source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
    ...source.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
  ];
  return specifiers.map((match) => match[1] ?? "");
}

function reachesDatabase(file: string, specifier: string): boolean {
  if (!specifier.startsWith(".")) return false;
  const target = path.resolve(root, path.dirname(file), specifier);
  return target === database || target.startsWith(`${database}${path.sep}`);
}

describe("the database client and schema (core/db)", () => {
  it.each(["bot", "core/http"])("are reached from %s only through core's use cases", (folder) => {
    const files = typeScriptFiles(folder);
    expect(files.length).toBeGreaterThan(0);
    const offending = files.flatMap((file) =>
      importedPaths(readFileSync(path.join(root, file), "utf8"))
        .filter((specifier) => reachesDatabase(file, specifier))
        .map((specifier) => `${file} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it.each([
    ['import { findOrders } from "../../core/db/order-queries.ts";', true],
    ['import type {\n  Db,\n} from "../../core/db/database.ts";', true],
    ['export type { Tx } from "../../core/db/database.ts";', true],
    ['const schema = await import("../../core/db/schema.ts");', true],
    ['import { listOrders } from "../../core/app/list-orders.ts";', false],
    ['import { sql } from "drizzle-orm";', false],
  ])("tells an import into core/db when it sees one: %j", (source, reaches) => {
    const found = importedPaths(source).some((specifier) => reachesDatabase("bot/dialogue/example.ts", specifier));
    expect(found).toBe(reaches);
  });
});
