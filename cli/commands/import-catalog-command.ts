import { readFileSync } from "node:fs";
import path from "node:path";
import { ensureBusiness } from "../../core/app/ensure-business.ts";
import { readCatalogFile } from "../../core/app/read-catalog-file.ts";
import { replaceCatalog } from "../../core/app/replace-catalog.ts";
import { loadConfig } from "../../core/config/config.ts";
import { openDatabase } from "../../core/db/database.ts";
import { loadOrCreateApiToken } from "../../core/identity/api-token.ts";

/**
 * Imports a catalog file. With the embedded database held by a running server, it goes through that server's
 * API instead (PGlite admits one process); otherwise straight into the database.
 */
export async function importCatalogCommand(file: string): Promise<number> {
  const config = loadConfig();
  const catalog = await readCatalogFile(path.resolve(file));
  const running = config.DATABASE_URL ? null : runningServer(config.DATA_DIR);
  if (running) {
    const token = config.API_TOKEN ?? loadOrCreateApiToken(config.DATA_DIR).token;
    const response = await fetch(`http://127.0.0.1:${running.port}/api/v1/catalog`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(priced(catalog)),
    });
    const body = (await response.json()) as Record<string, unknown>;
    if (!response.ok) {
      process.stderr.write(`sisconf: ${String(body.error ?? response.statusText)}\n`);
      return 1;
    }
    printResult(body);
    return 0;
  }
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  try {
    await database.migrate();
    const context = { db: database.db, now: () => new Date(), emit: () => {} };
    const businessId = await ensureBusiness(context);
    printResult({ ...(await replaceCatalog(context, businessId, priced(catalog))) });
    return 0;
  } finally {
    await database.close();
  }
}

/** The validated catalog holds cents; the use case validates again from the file's decimal form. */
function priced(catalog: Awaited<ReturnType<typeof readCatalogFile>>) {
  return {
    ...catalog,
    products: catalog.products.map((product) => ({ ...product, price: (product.price / 100).toFixed(2) })),
  };
}

function printResult(result: Record<string, unknown>): void {
  process.stdout.write(
    `catalog imported: ${String(result.products)} products from ${String(result.providers)} providers, ${String(result.deactivated)} deactivated\n`,
  );
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
