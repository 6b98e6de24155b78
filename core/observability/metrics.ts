import type { RequestHandler } from "express";
import { Router } from "express";
import { collectDefaultMetrics, Histogram, Registry } from "prom-client";

/** One registry per process role, so each serves its own /metrics. */
export function createMetricsRegistry(role: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * Request duration by route template (`/api/v1/orders/:id`), never by raw path: ids and phones in paths would
 * make a series per customer.
 */
export function httpMetrics(registry: Registry): RequestHandler {
  const duration = new Histogram({
    name: "sisconf_http_request_duration_seconds",
    help: "HTTP request duration by method, route template and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return (request, response, next) => {
    const end = duration.startTimer();
    response.on("finish", () => {
      const route = request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : "unmatched";
      end({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  };
}

export function metricsRouter(registry: Registry): Router {
  const router = Router();
  router.get("/metrics", async (_request, response) => {
    response.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
