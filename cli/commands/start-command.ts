import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Router } from "express";
import { createMetricsRegistry } from "../../core/observability/metrics.ts";
import { createIdentity } from "../create-identity.ts";
import { coreApiRouters } from "../roles/core-role.ts";
import { createRuntime } from "../runtime.ts";
import { serveHttp } from "../serve-http.ts";

export type Role = "api" | "bot" | "sheets";

/** Starts the given roles in this process and keeps it running until SIGTERM or SIGINT. */
export async function startCommand(roles: readonly Role[]): Promise<null> {
  const runtime = await createRuntime(roles.length > 1 ? "all" : (roles[0] ?? "all"));
  runtime.lifecycle.handleSignals();
  const identity = createIdentity(runtime);
  runtime.lifecycle.onStop("identity", () => identity.close());
  const registry = createMetricsRegistry(roles.join("+"));

  const apiRouters: Router[] = [];
  const publicRouters: Router[] = [];
  if (roles.includes("api")) apiRouters.push(...coreApiRouters(runtime, () => {}));

  const server = await serveHttp(runtime, identity, registry, { apiRouters, publicRouters });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : runtime.config.PORT;
  markRunning(runtime.config.DATA_DIR, port, runtime.database.kind === "pglite");
  runtime.lifecycle.onStop("pid file", async () =>
    rmSync(path.join(runtime.config.DATA_DIR, "sisconf.pid"), { force: true }),
  );
  runtime.logger.info({ port, database: runtime.database.kind, roles }, "SISCONF is running");
  process.stdout.write(`SISCONF is running: API on http://localhost:${port}/api/v1\n`);
  return null;
}

/**
 * The embedded database can be opened by one process only: other commands (catalog import) read this file to
 * talk to the running server instead.
 */
function markRunning(dataDir: string, port: number, embedded: boolean): void {
  if (!embedded) return;
  writeFileSync(path.join(dataDir, "sisconf.pid"), JSON.stringify({ pid: process.pid, port }));
}
