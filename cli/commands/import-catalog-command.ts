import { readFileSync } from "node:fs";
import path from "node:path";
import type { CatalogInput } from "../../core/app/catalog-input.ts";
import { ensureBusiness } from "../../core/app/ensure-business.ts";
import { importCatalog } from "../../core/app/import-catalog.ts";
import { readCatalogFile } from "../../core/app/read-catalog-file.ts";
import { loadConfig } from "../../core/config/config.ts";
import { openDatabase } from "../../core/db/database.ts";
import { formatCents, formatReais, parseCents } from "../../core/domain/money.ts";
import { type CatalogImportedJson, catalogImportedJson } from "../../core/http/catalog-router.ts";
import { loadOrCreateApiToken } from "../../core/identity/api-token.ts";

/**
 * Imports a catalog file: adds and updates its products; with `replace`, also deactivates the products it lacks.
 * Prints what changed. With the embedded database held by a running server, it goes through that server's API
 * (PGlite admits one process); otherwise straight into the database, whose notification tells running processes.
 */
export async function importCatalogCommand(file: string, replace: boolean): Promise<number> {
  const config = loadConfig();
  const catalog = await readCatalogFile(path.resolve(file));
  const running = config.DATABASE_URL ? null : runningServer(config.DATA_DIR);
  if (running) {
    const token = config.API_TOKEN ?? loadOrCreateApiToken(config.DATA_DIR).token;
    const response = await fetch(`http://127.0.0.1:${running.port}/api/v1/catalog`, {
      method: replace ? "PUT" : "PATCH",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(catalogBody(catalog)),
    });
    const body = (await response.json()) as CatalogImportedJson & { error?: string };
    if (!response.ok) {
      process.stderr.write(`sisconf: ${String(body.error ?? response.statusText)}\n`);
      return 1;
    }
    process.stdout.write(describeImport(path.basename(file), body, replace));
    return 0;
  }
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  try {
    await database.migrate();
    const context = { db: database.db, now: () => new Date(), emit: () => {} };
    const businessId = await ensureBusiness(context);
    const result = await importCatalog(context, businessId, catalog, replace ? "replace" : "merge");
    process.stdout.write(describeImport(path.basename(file), catalogImportedJson(result), replace));
    return 0;
  } finally {
    await database.close();
  }
}

/** The file as the API's body: money back to decimal strings; fields the file left out stay out. */
function catalogBody(catalog: CatalogInput) {
  return {
    providers: catalog.providers,
    products: catalog.products.map((product) => ({
      ...product,
      price: formatCents(product.price),
      ...(product.cost === undefined ? {} : { cost: product.cost === null ? null : formatCents(product.cost) }),
    })),
  };
}

/** At most this many products named per kind of change; the rest counted. */
const NAMED = 8;

export function describeImport(fileName: string, result: CatalogImportedJson, replace: boolean): string {
  const { changes } = result;
  const reais = (decimal: string | null) => (decimal === null ? "no cost" : formatReais(parseCents(decimal) ?? 0));
  const line = <Item>(label: string, items: readonly Item[], describe: (item: Item) => string) => {
    if (items.length === 0) return [];
    const named = items.slice(0, NAMED).map(describe).join("; ");
    const more = items.length > NAMED ? `; and ${items.length - NAMED} more` : "";
    return [`  ${label} (${items.length}): ${named}${more}`];
  };
  const lines = [
    `${fileName}: ${result.products} products from ${result.providers} providers`,
    ...line(
      "new",
      changes.added,
      (item) => `${item.name} ${reais(item.price)}${item.available ? "" : " (unavailable)"}`,
    ),
    ...line("price", changes.priceChanges, (item) => `${item.name} ${reais(item.from)} → ${reais(item.to)}`),
    ...line("cost", changes.costChanges, (item) => `${item.name} ${reais(item.from)} → ${reais(item.to)}`),
    ...line(
      "availability",
      changes.availabilityChanges,
      (item) => `${item.name} ${item.available ? "available again" : "unavailable"}`,
    ),
    ...line("other details", changes.otherChanges, (item) => `${item.name} (${item.fields.join(", ")})`),
    ...line(replace ? "deactivated" : "not in the file, kept", changes.missing, (item) => item.name),
  ];
  if (!replace && changes.missing.length > 0) lines.push("  (--replace would deactivate them)");
  const changed =
    [changes.added, changes.priceChanges, changes.costChanges, changes.availabilityChanges, changes.otherChanges].some(
      (items) => items.length > 0,
    ) || result.deactivated > 0;
  lines.push(changed ? `  unchanged: ${changes.unchanged}` : "  nothing changed");
  if (replace) lines.push(`  ${result.deactivated} products deactivated`);
  return `${lines.join("\n")}\n`;
}

function runningServer(dataDir: string): { pid: number; port: number } | null {
  try {
    const marker = JSON.parse(readFileSync(path.join(dataDir, "sisconf.pid"), "utf8")) as { pid: number; port: number };
    process.kill(marker.pid, 0);
    return marker;
  } catch {
    return null;
  }
}
