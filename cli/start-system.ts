import { rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import type { RequestHandler, Router } from "express";
import { loadConfig } from "../core/config/config.ts";
import { coreMetrics, createMetricsRegistry } from "../core/observability/metrics.ts";
import { createIdentity } from "./create-identity.ts";
import { createRuntime, type Runtime } from "./runtime.ts";
import { assertPortFree, serveHttp } from "./serve-http.ts";

export type Role = "api" | "bot" | "sheets";

export interface RunningSystem {
  runtime: Runtime;
  server: Server;
  /** http://localhost:PORT */
  url: string;
  stop(reason?: string): Promise<boolean>;
}

/**
 * The one composition root: wires the adapters the configuration chose for the given roles, in this process.
 * The CLI calls it for `start`, `core`, `bot` and `sheets`; tests call it to run the real system. Each role's
 * modules are loaded only when the process runs that role: a sheets worker has no use for the dialogue, the
 * transports, the routers or Keycloak, nor the API for exceljs and BullMQ, and each would carry tens of megabytes
 * of them.
 */
export async function startSystem(
  roles: readonly Role[],
  environment: NodeJS.ProcessEnv = process.env,
): Promise<RunningSystem> {
  const config = loadConfig(environment);
  await assertPortFree(config.PORT);
  const runtime = await createRuntime(roles.length > 1 ? "all" : (roles[0] ?? "all"), config);
  try {
    const identity = await createIdentity(runtime, roles.includes("api") || roles.includes("bot"));
    runtime.lifecycle.onStop("identity", () => identity.close());
    const registry = createMetricsRegistry(roles.join("+"));
    coreMetrics(registry, runtime.events, runtime.context);

    const apiRouters: Router[] = [];
    const publicRouters: Router[] = [];
    const apiMiddleware: RequestHandler[] = [];
    // The catalog as the bot reads messages against it: the API's parse endpoint and the bot share one cache.
    const catalog =
      roles.includes("api") || roles.includes("bot")
        ? new (await import("../bot/dialogue/catalog-cache.ts")).CatalogCache(runtime.context, runtime.businessId)
        : null;
    if (catalog) {
      // A change made by any process (an import, "acabou morango" in another bot) reaches this cache at once.
      // Closing the database at stop ends the listening too: no unlisten that an outage could hold up.
      const { watchCatalogChanges } = await import("../core/app/catalog-notifications.ts");
      await watchCatalogChanges(runtime.database, runtime.businessId, () => catalog.invalidate());
    }
    // The bot reads it too: fresh sheet links in chat, and the sheets it sends to the providers.
    const files =
      roles.includes("api") || roles.includes("sheets") || roles.includes("bot")
        ? await (await import("../sheets/storage/open-file-store.ts")).openFileStore(runtime.config)
        : null;
    if (files && roles.includes("sheets")) {
      const { startSheets } = await import("./roles/sheets-role.ts");
      await startSheets(runtime, files.store, registry);
    }
    if (files && roles.includes("api")) publicRouters.push(...files.routers);
    if (catalog && roles.includes("bot")) {
      const { startBot } = await import("./roles/bot-role.ts");
      publicRouters.push(...(await startBot(runtime, identity, catalog, registry, files?.store ?? null)).routers);
    }
    if (catalog && roles.includes("api")) {
      const [{ coreApiRouters, coreApiMiddleware, corePageRouters }, { parseRouter }] = await Promise.all([
        import("./roles/core-role.ts"),
        import("../bot/http/parse-router.ts"),
      ]);
      publicRouters.push(...corePageRouters(runtime));
      apiRouters.push(...coreApiRouters(runtime, identity, () => catalog.invalidate()), parseRouter(catalog));
      apiMiddleware.push(...coreApiMiddleware(runtime));
    }
    if (roles.includes("api")) (await import("./roles/close-scheduler.ts")).startCloseScheduler(runtime, identity);

    const server = await serveHttp(runtime, identity, registry, { apiRouters, publicRouters, apiMiddleware });
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : runtime.config.PORT;
    markRunning(runtime, port);
    runtime.logger.info({ port, database: runtime.database.kind, roles }, "SISCONF is running");
    return {
      runtime,
      server,
      url: `http://localhost:${port}`,
      stop: (reason = "stop") => runtime.lifecycle.stop(reason),
    };
  } catch (error) {
    await runtime.lifecycle.stop("start-up failed");
    throw error;
  }
}

/**
 * The embedded database can be opened by one process only: other commands (catalog import) read this file to
 * talk to the running server instead.
 */
function markRunning(runtime: Runtime, port: number): void {
  if (runtime.database.kind !== "pglite") return;
  const file = path.join(runtime.config.DATA_DIR, "sisconf.pid");
  writeFileSync(file, JSON.stringify({ pid: process.pid, port }));
  runtime.lifecycle.onStop("pid file", async () => rmSync(file, { force: true }));
}
