import type { EventEmitter } from "node:events";
import type { RequestHandler } from "express";
import { Router } from "express";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { CoreContext, CoreEvent } from "../app/context.ts";
import { getOutboxBacklog } from "../app/outbox-backlog.ts";
import { getPaymentTotals } from "../app/payment-totals.ts";

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

/** Business counters from what the use cases of this process did, and the outboxes' backlog from the database. */
export function coreMetrics(
  registry: Registry,
  events: EventEmitter<Record<CoreEvent, []>>,
  context: CoreContext,
): void {
  const counters: [CoreEvent, string, string][] = [
    ["order_confirmed", "sisconf_orders_confirmed_total", "Orders confirmed (a new order in the open batch)"],
    ["order_cancelled", "sisconf_orders_cancelled_total", "Orders cancelled"],
    ["batch_closed", "sisconf_batches_closed_total", "Batches closed"],
    ["payment_recorded", "sisconf_payments_recorded_total", "Payments recorded (an order paid)"],
  ];
  for (const [event, name, help] of counters) {
    const counter = new Counter({ name, help, registers: [registry] });
    events.on(event, () => counter.inc());
  }
  const waiting = new Gauge({
    name: "sisconf_outbox_backlog",
    help: "Entries waiting in an outbox",
    labelNames: ["outbox"],
    registers: [registry],
  });
  new Gauge({
    name: "sisconf_outbox_oldest_age_seconds",
    help: "Age of the oldest entry waiting in an outbox",
    labelNames: ["outbox"],
    registers: [registry],
    // Read at scrape time; one read serves both gauges.
    async collect() {
      for (const backlog of await getOutboxBacklog(context)) {
        waiting.set({ outbox: backlog.outbox }, backlog.waiting);
        this.set({ outbox: backlog.outbox }, backlog.oldestAgeSeconds);
      }
    },
  });
  const paymentOrders = new Gauge({
    name: "sisconf_payment_orders",
    help: "Orders by payment: due (delivered, not paid) and paid",
    labelNames: ["payment"],
    registers: [registry],
  });
  new Gauge({
    name: "sisconf_payment_amount_cents",
    help: "Amounts in cents by payment: due (delivered, not paid) and paid",
    labelNames: ["payment"],
    registers: [registry],
    // Read at scrape time; one read serves both gauges.
    async collect() {
      const totals = await getPaymentTotals(context);
      for (const payment of ["due", "paid"] as const) {
        paymentOrders.set({ payment }, totals[payment].orders);
        this.set({ payment }, totals[payment].cents);
      }
    },
  });
}
