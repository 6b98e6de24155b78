import type { Server } from "node:http";
import { createServer } from "node:net";
import type { RequestHandler, Router } from "express";
import type { Registry } from "prom-client";
import { ConfigError } from "../core/config/config.ts";
import { createHttpApp } from "../core/http/create-http-app.ts";
import { healthRouter } from "../core/http/health-router.ts";
import { openApiRouter } from "../core/http/openapi.ts";
import { requestLog } from "../core/http/request-log.ts";
import type { Identity } from "../core/identity/identity.ts";
import { httpMetrics, metricsRouter } from "../core/observability/metrics.ts";
import type { Runtime } from "./runtime.ts";

export interface HttpRoutes {
  publicRouters?: Router[];
  apiRouters?: Router[];
  apiMiddleware?: RequestHandler[];
}

/** Listens on PORT with health, metrics and the given routes; closes gracefully on stop. */
export async function serveHttp(
  runtime: Runtime,
  identity: Identity,
  registry: Registry,
  routes: HttpRoutes,
): Promise<Server> {
  const app = createHttpApp({
    logger: runtime.logger,
    identity,
    middleware: [requestLog(runtime.logger), httpMetrics(registry)],
    publicRouters: [
      healthRouter({ ping: () => runtime.database.ping(), accepting: () => runtime.lifecycle.accepting }),
      metricsRouter(registry),
      openApiRouter(),
      ...(routes.publicRouters ?? []),
    ],
    apiRouters: routes.apiRouters ?? [],
    apiMiddleware: routes.apiMiddleware ?? [],
  });
  const { PORT } = runtime.config;
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(PORT, (error?: Error) =>
      error ? reject(listenProblem(error, PORT)) : resolve(listening),
    );
  });
  runtime.lifecycle.onStop("http", async () => {
    // Finishes requests in flight, drops idle keep-alive connections so close can complete.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
  });
  return server;
}

/**
 * Fails at once, as listening would, when the port is taken: start-up opens and migrates the database before it
 * listens, and an operator should not wait for that to learn the port is in use. Listening still checks (another
 * program may take the port meanwhile).
 */
export async function assertPortFree(port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", (error) => reject(listenProblem(error, port)));
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** The port's usual refusals as a line for the operator (main prints it, without a stack trace). */
function listenProblem(error: Error, port: number): Error {
  const code = "code" in error ? error.code : undefined;
  if (code === "EADDRINUSE") {
    return new ConfigError(
      `PORT: port ${port} is already in use by another program; stop it or set PORT to a free port`,
    );
  }
  if (code === "EACCES") {
    return new ConfigError(`PORT: port ${port} needs administrator rights on this machine; set PORT to 1024 or above`);
  }
  return error;
}
