import { Router } from "express";
import { z } from "zod";
import { catalogInputSchema } from "../app/catalog-input.ts";
import { BATCH_STATUSES, ORDER_STATUSES } from "../domain/lifecycle.ts";
import { PHONE_AS_TYPED as PHONE_AS_TYPED_PATTERN } from "../domain/phone.ts";
import { MAX_QUANTITY_MILLI, milliToNumber } from "../domain/quantity.ts";
import { UNITS } from "../domain/units.ts";
import { SESSION_LOSS_KINDS, WHATSAPP_SESSION_STATES } from "../domain/whatsapp-session.ts";
import { UNCONFIRMED_LISTS_SHOWN } from "./batches-router.ts";
import {
  answerHandoffBody,
  batchStatusBody,
  deliveredQuantitiesBody,
  MAX_CUSTOMERS_OFFSET,
  MAX_CUSTOMERS_PAGE,
  orderStatusBody,
  PARSE_TEXT_LIMIT,
  paymentBody,
  placeOrderBody,
} from "./request-schemas.ts";
import { WRITE_METHODS } from "./session-loss-warning.ts";

const MAX_ID = 2_147_483_647;
/** The intents of `POST /api/v1/parse` (bot/understand's `Intent`, which core may not import). */
const INTENTS = [
  "order",
  "remove",
  "confirm",
  "cancel",
  "status",
  "catalog",
  "help",
  "close_batch",
  "summary",
  "batch_status",
  "order_status",
  "other",
];
const MONEY = { type: "string", pattern: "^-?\\d+\\.\\d{2}$", examples: ["7.50"] };
const ID = { type: "integer", minimum: 1, maximum: MAX_ID };
const PHONE = { type: "string", pattern: "^\\d{10,15}$" };
/** A phone as people type it: 10 to 15 digits among spaces, "+", "(", ")", "." and "-" (normalizePhone). */
const PHONE_AS_TYPED = { type: "string", pattern: PHONE_AS_TYPED_PATTERN.source };
const TIMESTAMP = { type: "string", format: "date-time" };
const QUANTITY = { type: "number", exclusiveMinimum: 0, maximum: milliToNumber(MAX_QUANTITY_MILLI) };
const nullable = (schema: object) => ({ anyOf: [schema, { type: "null" }] });
const object = (properties: Record<string, object>, optional: readonly string[] = []) => ({
  type: "object",
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
  properties,
});
/** Who a customer is: a phone, or the platform's id for a person whose phone is not known (core/domain/user-id.ts). */
const CUSTOMER_KEY = { type: "string", minLength: 1, maxLength: 140 };
const ADDRESS = object(
  {
    street: { type: "string" },
    number: { type: "string" },
    neighbourhood: { type: "string" },
    reference: nullable({ type: "string" }),
  },
  ["reference"],
);
/** Where an order goes, or where a customer receives its orders: an address only for a delivery. */
const DELIVERY = object({ kind: { enum: ["pickup", "delivery"] }, address: ADDRESS, fee: MONEY }, ["address"]);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** What the API answers, as core/http/views.ts and the routers build it. */
const schemas = {
  Error: object({ error: { type: "string" }, reason: { type: "string" } }, ["reason"]),
  OrderItem: object({
    sku: { type: "string" },
    name: { type: "string" },
    quantity: QUANTITY,
    unit: { enum: UNITS },
    deliveredQuantity: nullable({ type: "number", minimum: 0, maximum: milliToNumber(MAX_QUANTITY_MILLI) }),
    unitPrice: MONEY,
    total: MONEY,
    provider: { type: "string" },
  }),
  Order: object({
    id: ID,
    number: { type: "integer", minimum: 1 },
    phone: PHONE,
    customerName: nullable({ type: "string" }),
    status: { enum: ORDER_STATUSES },
    batchId: ID,
    batchNumber: { type: "integer", minimum: 1 },
    total: MONEY,
    confirmedAt: TIMESTAMP,
    delivery: DELIVERY,
    finalTotal: nullable(MONEY),
    payment: object({ status: { enum: ["pending", "paid"] }, paidAt: TIMESTAMP, pix: { type: "string" } }, [
      "paidAt",
      "pix",
    ]),
    items: { type: "array", items: ref("OrderItem") },
  }),
  UnpaidOrder: object({
    id: ID,
    number: { type: "integer", minimum: 1 },
    batchNumber: { type: "integer", minimum: 1 },
    phone: PHONE,
    customerName: nullable({ type: "string" }),
    amountDue: MONEY,
    finalTotalKnown: { type: "boolean" },
    deliveredAt: TIMESTAMP,
    daysSinceDelivery: { type: "integer", minimum: 0 },
  }),
  Batch: object({
    id: ID,
    number: { type: "integer", minimum: 1 },
    status: { enum: BATCH_STATUSES },
    openedAt: TIMESTAMP,
    closedAt: nullable(TIMESTAMP),
    counts: object({ orders: { type: "integer", minimum: 0 }, items: { type: "integer", minimum: 0 } }),
    total: MONEY,
    providers: {
      type: "array",
      items: object({
        provider: { type: "string" },
        name: { type: "string" },
        items: { type: "integer", minimum: 0 },
        total: MONEY,
      }),
    },
    sheets: {
      type: "array",
      items: object(
        {
          id: ID,
          kind: { enum: ["provider", "consolidated"] },
          provider: nullable({ type: "string" }),
          status: { type: "string" },
          url: nullable({ type: "string" }),
          error: { type: "string" },
        },
        ["error"],
      ),
    },
  }),
  Product: object(
    {
      sku: { type: "string" },
      name: { type: "string" },
      unit: { enum: UNITS },
      price: MONEY,
      cost: nullable(MONEY),
      available: { type: "boolean" },
      provider: { type: "string" },
      category: nullable({ type: "string" }),
      aliases: { type: "array", items: { type: "string" } },
    },
    ["category"],
  ),
  CatalogImported: object({
    providers: { type: "integer", minimum: 0 },
    products: { type: "integer", minimum: 0 },
    deactivated: { type: "integer", minimum: 0 },
    changes: object({
      added: { type: "array", items: { type: "object" } },
      priceChanges: { type: "array", items: { type: "object" } },
      costChanges: { type: "array", items: { type: "object" } },
      availabilityChanges: { type: "array", items: { type: "object" } },
      otherChanges: { type: "array", items: { type: "object" } },
      missing: { type: "array", items: { type: "object" } },
      unchanged: { type: "integer", minimum: 0 },
    }),
  }),
  Parse: object(
    {
      intent: { enum: INTENTS },
      items: {
        type: "array",
        items: object({ sku: { type: "string" }, quantity: QUANTITY, unit: { enum: UNITS } }, ["quantity", "unit"]),
      },
      unknown: { type: "array", items: { type: "string" } },
      clarify: { type: "array", items: { type: "string" } },
      status: { enum: ["on_the_way", "arrived", "delivered", "placed", "cancelled"] },
      order: { type: "integer", minimum: 1 },
    },
    ["status", "order"],
  ),
  Handoff: object({
    number: { type: "integer", minimum: 1 },
    phone: PHONE,
    name: nullable({ type: "string" }),
    text: { type: "string" },
    status: { enum: ["open", "answered"] },
    answer: nullable({ type: "string" }),
    askedAt: TIMESTAMP,
    answeredAt: nullable(TIMESTAMP),
  }),
  Customer: object({
    phone: CUSTOMER_KEY,
    name: nullable({ type: "string" }),
    delivery: nullable(DELIVERY),
    announcementsStoppedAt: nullable(TIMESTAMP),
    amountDue: MONEY,
    unpaidOrders: { type: "integer", minimum: 0 },
  }),
  UnconfirmedList: object({
    phone: CUSTOMER_KEY,
    name: nullable({ type: "string" }),
    items: { type: "integer", minimum: 0 },
  }),
  ScheduledClose: object({
    schedule: nullable({ type: "string", pattern: "^(sun|mon|tue|wed|thu|fri|sat) \\d{2}:\\d{2}$" }),
    source: { enum: ["environment", "chat"] },
    timeZone: { type: "string", minLength: 1 },
    nextCloseAt: nullable(TIMESTAMP),
    reminderAt: nullable(TIMESTAMP),
  }),
  AdminChange: object({ phone: PHONE, admin: { type: "boolean" }, changed: { type: "boolean" } }),
  WhatsappSession: object({
    state: { enum: WHATSAPP_SESSION_STATES },
    since: TIMESTAMP,
    lastLoss: nullable(object({ kind: { enum: SESSION_LOSS_KINDS }, at: TIMESTAMP, backAt: nullable(TIMESTAMP) })),
    seenAt: TIMESTAMP,
    silent: {
      type: "boolean",
      description: "no word from the bot for 90 seconds while the state says it runs: its process stopped without one",
    },
  }),
};

const error = { description: "error", content: { "application/json": { schema: ref("Error") } } };
const json = (schema: object) => ({ content: { "application/json": { schema } } });
const ok = (description: string, schema: object) => ({ description, ...json(schema) });
const idParameter = { name: "id", in: "path", required: true, schema: ID };
const phoneParameter = { name: "phone", in: "path", required: true, schema: PHONE_AS_TYPED };
const bodyOf = (schema: z.ZodType) => ({
  required: true,
  ...json(withoutFormatsBesidePatterns(z.toJSONSchema(schema, { io: "input" }))),
});

/**
 * Where zod states both a `format` and the `pattern` it really applies (e-mails), only the pattern: tools disagree
 * on what a format allows, and the document is to say what this server accepts.
 */
function withoutFormatsBesidePatterns(schema: object): object {
  return JSON.parse(JSON.stringify(schema), (_key, value: unknown) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    if (!("pattern" in value) || !("format" in value)) return value;
    const { format: _format, ...rest } = value;
    return rest;
  });
}
/** What any authenticated route may answer besides its success; a route with a body adds `bodyFailures`. */
const failures = { 400: error, 401: error, 403: error, 404: error, 405: error, 409: error, 422: error };
const bodyFailures = { 413: error, 415: error };
const unavailable = { 503: error };

/** The notice of a lost WhatsApp session (core/http/session-loss-warning.ts), on any response to a write. */
const sessionLossWarning = {
  description:
    'Once per WhatsApp session loss, on the entrepreneur\'s next write: `299 sisconf "WhatsApp session … at <time>; …"`. ' +
    "GET /api/v1/whatsapp says the same as data.",
  required: false,
  schema: { type: "string", pattern: '^299 sisconf ".*"$' },
};

/** Every response of every write under /api/v1 may carry the session loss's `Warning` header. */
function withSessionLossWarning<Paths extends Record<string, object>>(paths: Paths): Paths {
  for (const [path, operations] of Object.entries(paths)) {
    if (!path.startsWith("/api/v1/")) continue;
    for (const method of WRITE_METHODS.map((name) => name.toLowerCase())) {
      const operation = (operations as Record<string, { responses: Record<string, object> } | undefined>)[method];
      if (!operation) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        operation.responses[status] = { ...response, headers: { Warning: sessionLossWarning } };
      }
    }
  }
  return paths;
}

/** Paths that routers outside core add (the parse endpoint lives with the bot) register here too. */
function openApiDocument(): object {
  return {
    openapi: "3.1.0",
    info: { title: "SISCONF API", version: "1", description: "Orders, batches and catalog of a SISCONF business." },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, schemas },
    security: [{ bearer: [] }],
    paths: withSessionLossWarning({
      "/api/v1/orders": {
        get: {
          summary: "List orders",
          parameters: [
            { name: "batch", in: "query", schema: ID },
            { name: "status", in: "query", schema: { enum: ORDER_STATUSES } },
            { name: "phone", in: "query", schema: PHONE_AS_TYPED },
          ],
          responses: { 200: ok("orders", object({ orders: { type: "array", items: ref("Order") } })), ...failures },
        },
        post: {
          summary: "Confirm items for a customer in the open batch (merged into its open order)",
          requestBody: bodyOf(placeOrderBody),
          responses: { 201: ok("the order", ref("Order")), ...failures, ...bodyFailures },
        },
      },
      "/api/v1/orders/{id}": {
        get: {
          summary: "One order",
          parameters: [idParameter],
          responses: { 200: ok("the order", ref("Order")), ...failures },
        },
        patch: {
          summary: "Change an order's status",
          parameters: [idParameter],
          requestBody: bodyOf(orderStatusBody),
          responses: { 200: ok("the order", ref("Order")), ...failures, ...bodyFailures },
        },
      },
      "/api/v1/orders/{id}/delivered": {
        put: {
          summary: "Record what was really delivered of the order's lines (its final total follows)",
          parameters: [idParameter],
          requestBody: bodyOf(deliveredQuantitiesBody),
          responses: { 200: ok("the order", ref("Order")), ...failures, ...bodyFailures },
        },
      },
      "/api/v1/orders/{id}/payment": {
        post: {
          summary: "Record that the order was paid (once: a second time answers 409)",
          parameters: [idParameter],
          requestBody: bodyOf(paymentBody),
          responses: { 200: ok("the order", ref("Order")), ...failures, ...bodyFailures },
        },
      },
      "/api/v1/payments/due": {
        get: {
          summary: "Delivered orders not paid, longest owed first, with amounts and days since delivery",
          responses: {
            200: ok("who owes", object({ orders: { type: "array", items: ref("UnpaidOrder") }, total: MONEY })),
            ...failures,
          },
        },
      },
      "/api/v1/batches": {
        get: {
          summary: "Batches, newest first",
          responses: { 200: ok("batches", object({ batches: { type: "array", items: ref("Batch") } })), ...failures },
        },
      },
      "/api/v1/batches/current": {
        get: { summary: "The open batch so far", responses: { 200: ok("the open batch", ref("Batch")), ...failures } },
      },
      "/api/v1/batches/current/unconfirmed": {
        get: {
          summary: "Customers with a drafted list still waiting for sim (PENDING_ORDER_TTL_MINUTES), the latest first",
          responses: {
            200: ok(
              "unconfirmed lists",
              object({ lists: { type: "array", maxItems: UNCONFIRMED_LISTS_SHOWN, items: ref("UnconfirmedList") } }),
            ),
            ...failures,
          },
        },
      },
      "/api/v1/batches/current/close-schedule": {
        get: {
          summary: "When the open batch closes on its own and its reminder, or that it closes by command only",
          responses: { 200: ok("the scheduled close", ref("ScheduledClose")), ...failures },
        },
      },
      "/api/v1/batches/current/close": {
        post: {
          summary: "Close the open batch and open the next",
          responses: {
            200: ok(
              "the closed batch and the next",
              object({ batch: ref("Batch"), nextBatch: object({ id: ID, number: { type: "integer", minimum: 1 } }) }),
            ),
            ...failures,
          },
        },
      },
      "/api/v1/batches/{id}": {
        get: {
          summary: "One batch with its sheets",
          parameters: [idParameter],
          responses: { 200: ok("the batch", ref("Batch")), ...failures },
        },
        patch: {
          summary: "Change a batch's status",
          parameters: [idParameter],
          requestBody: bodyOf(batchStatusBody),
          responses: { 200: ok("the batch", ref("Batch")), ...failures, ...bodyFailures },
        },
      },
      "/api/v1/batches/{id}/sheets/retry": {
        post: {
          summary: "Make the batch's failed sheets again",
          parameters: [idParameter],
          responses: { 200: ok("the batch", ref("Batch")), ...failures },
        },
      },
      "/api/v1/catalog": {
        get: {
          summary: "The active catalog",
          responses: {
            200: ok("products", object({ products: { type: "array", items: ref("Product") } })),
            ...failures,
          },
        },
        put: {
          summary: "Replace the catalog (missing products are deactivated)",
          requestBody: bodyOf(catalogInputSchema),
          responses: { 200: ok("what changed", ref("CatalogImported")), ...failures, ...bodyFailures },
        },
        patch: {
          summary: "Add and update the products given, touching no other (fields left out keep their values)",
          requestBody: bodyOf(catalogInputSchema),
          responses: { 200: ok("what changed", ref("CatalogImported")), ...failures, ...bodyFailures },
        },
      },
      "/api/v1/admins": {
        get: {
          summary: "The entrepreneurs' phones",
          responses: { 200: ok("admins", object({ admins: { type: "array", items: PHONE } })), ...failures },
        },
      },
      "/api/v1/admins/{phone}": {
        put: {
          summary: "Make a phone an entrepreneur",
          parameters: [phoneParameter],
          responses: { 200: ok("the phone's role", ref("AdminChange")), ...failures, ...unavailable },
        },
        delete: {
          summary: "Take the entrepreneur's role from a phone",
          parameters: [phoneParameter],
          responses: { 200: ok("the phone's role", ref("AdminChange")), ...failures, ...unavailable },
        },
      },
      "/api/v1/customers": {
        get: {
          summary: "Customers by name, the entrepreneurs excepted: address, whether they said 'parar', what they owe",
          parameters: [
            {
              name: "limit",
              in: "query",
              schema: { type: "integer", minimum: 1, maximum: MAX_CUSTOMERS_PAGE, default: 200 },
            },
            { name: "offset", in: "query", schema: { type: "integer", minimum: 0, maximum: MAX_CUSTOMERS_OFFSET } },
          ],
          responses: {
            200: ok(
              "a page of customers and how many there are",
              object({
                customers: { type: "array", maxItems: MAX_CUSTOMERS_PAGE, items: ref("Customer") },
                total: { type: "integer", minimum: 0 },
              }),
            ),
            ...failures,
          },
        },
      },
      "/api/v1/customers/{phone}/transcript": {
        get: {
          summary: "A customer's conversation, read-only (the last 200 messages)",
          parameters: [phoneParameter],
          responses: {
            200: ok(
              "the conversation",
              object({
                messages: {
                  type: "array",
                  items: object(
                    {
                      direction: { enum: ["in", "out"] },
                      text: { type: "string" },
                      document: object({ url: { type: "string" }, filename: { type: "string" } }),
                      at: TIMESTAMP,
                    },
                    ["document"],
                  ),
                },
              }),
            ),
            ...failures,
          },
        },
      },
      "/api/v1/handoffs": {
        get: {
          summary: "Questions passed on to the entrepreneur",
          parameters: [{ name: "status", in: "query", schema: { enum: ["open", "answered"] } }],
          responses: {
            200: ok("handoffs", object({ handoffs: { type: "array", items: ref("Handoff") } })),
            ...failures,
          },
        },
      },
      "/api/v1/handoffs/{number}/answer": {
        post: {
          summary: "Answer a question in the customer's chat",
          parameters: [{ name: "number", in: "path", required: true, schema: ID }],
          requestBody: bodyOf(answerHandoffBody),
          responses: { 200: ok("the handoff, answered", ref("Handoff")), ...failures, ...bodyFailures },
        },
      },
      "/api/v1/whatsapp": {
        get: {
          summary: "The WhatsApp Web session as the bot last recorded it (null where none ever ran)",
          responses: {
            200: ok("the session", object({ session: nullable(ref("WhatsappSession")) })),
            ...failures,
          },
        },
      },
      "/api/v1/parse": {
        post: {
          summary: "How the bot reads a message, without acting on it",
          requestBody: {
            required: true,
            ...json(object({ text: { type: "string", maxLength: PARSE_TEXT_LIMIT } })),
          },
          responses: { 200: ok("the reading", ref("Parse")), ...failures, ...bodyFailures },
        },
      },
      "/healthz": {
        get: { security: [], summary: "Liveness", responses: { 200: ok("ok", object({ status: { const: "ok" } })) } },
      },
      "/readyz": {
        get: {
          security: [],
          summary: "Readiness (database reachable)",
          responses: {
            200: ok("ready", object({ status: { const: "ready" } })),
            503: ok("not ready", object({ status: { type: "string" } })),
          },
        },
      },
      "/metrics": {
        get: {
          security: [],
          summary: "Prometheus metrics",
          responses: {
            200: { description: "Prometheus text format", content: { "text/plain": { schema: { type: "string" } } } },
          },
        },
      },
    }),
  };
}

export function openApiRouter(): Router {
  const document = openApiDocument();
  const router = Router();
  router.get("/api/v1/openapi.json", (_request, response) => {
    response.json(document);
  });
  return router;
}
