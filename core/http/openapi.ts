import { Router } from "express";
import { z } from "zod";
import { catalogInputSchema } from "../app/catalog-input.ts";
import {
  answerHandoffBody,
  batchStatusBody,
  deliveredQuantitiesBody,
  orderStatusBody,
  paymentBody,
  placeOrderBody,
} from "./request-schemas.ts";

const error = {
  description: "error",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};
const json = (schema: object) => ({ content: { "application/json": { schema } } });
const ok = (description: string) => ({ description, ...json({ type: "object" }) });
const idParameter = { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
const bodyOf = (schema: z.ZodType) => ({ required: true, ...json(z.toJSONSchema(schema, { io: "input" })) });
const failures = { 400: error, 401: error, 403: error, 404: error, 409: error, 422: error };

/** Paths that routers outside core add (the parse endpoint lives with the bot) register here too. */
function openApiDocument(): object {
  return {
    openapi: "3.1.0",
    info: { title: "SISCONF API", version: "1", description: "Orders, batches and catalog of a SISCONF business." },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: { Error: { type: "object", required: ["error"], properties: { error: { type: "string" } } } },
    },
    security: [{ bearer: [] }],
    paths: {
      "/api/v1/orders": {
        get: {
          summary: "List orders",
          parameters: ["batch", "status", "phone"].map((name) => ({ name, in: "query", schema: { type: "string" } })),
          responses: { 200: ok("{orders: Order[]}"), ...failures },
        },
        post: {
          summary: "Confirm items for a customer in the open batch (merged into its open order)",
          requestBody: bodyOf(placeOrderBody),
          responses: { 201: ok("Order"), ...failures },
        },
      },
      "/api/v1/orders/{id}": {
        get: { summary: "One order", parameters: [idParameter], responses: { 200: ok("Order"), ...failures } },
        patch: {
          summary: "Change an order's status",
          parameters: [idParameter],
          requestBody: bodyOf(orderStatusBody),
          responses: { 200: ok("Order"), ...failures },
        },
      },
      "/api/v1/orders/{id}/delivered": {
        put: {
          summary: "Record what was really delivered of the order's lines (its final total follows)",
          parameters: [idParameter],
          requestBody: bodyOf(deliveredQuantitiesBody),
          responses: { 200: ok("Order"), ...failures },
        },
      },
      "/api/v1/orders/{id}/payment": {
        post: {
          summary: "Record that the order was paid (once: a second time answers 409)",
          parameters: [idParameter],
          requestBody: bodyOf(paymentBody),
          responses: { 200: ok("Order"), ...failures },
        },
      },
      "/api/v1/payments/due": {
        get: {
          summary: "Delivered orders not paid, longest owed first, with amounts and days since delivery",
          responses: { 200: ok("{orders, total}"), ...failures },
        },
      },
      "/api/v1/batches": {
        get: { summary: "Batches, newest first", responses: { 200: ok("{batches}"), ...failures } },
      },
      "/api/v1/batches/current": {
        get: { summary: "The open batch so far", responses: { 200: ok("Batch"), ...failures } },
      },
      "/api/v1/batches/current/close": {
        post: {
          summary: "Close the open batch and open the next",
          responses: { 200: ok("{batch, nextBatch}"), ...failures },
        },
      },
      "/api/v1/batches/{id}": {
        get: {
          summary: "One batch with its sheets",
          parameters: [idParameter],
          responses: { 200: ok("Batch"), ...failures },
        },
        patch: {
          summary: "Change a batch's status",
          parameters: [idParameter],
          requestBody: bodyOf(batchStatusBody),
          responses: { 200: ok("Batch"), ...failures },
        },
      },
      "/api/v1/batches/{id}/sheets/retry": {
        post: {
          summary: "Make the batch's failed sheets again",
          parameters: [idParameter],
          responses: { 200: ok("Batch"), ...failures },
        },
      },
      "/api/v1/catalog": {
        get: { summary: "The active catalog", responses: { 200: ok("{products}"), ...failures } },
        put: {
          summary: "Replace the catalog (missing products are deactivated)",
          requestBody: bodyOf(catalogInputSchema),
          responses: { 200: ok("{providers, products, deactivated, changes}"), ...failures },
        },
        patch: {
          summary: "Add and update the products given, touching no other (fields left out keep their values)",
          requestBody: bodyOf(catalogInputSchema),
          responses: { 200: ok("{providers, products, deactivated: 0, changes}"), ...failures },
        },
      },
      "/api/v1/customers/{phone}/transcript": {
        get: {
          summary: "A customer's conversation, read-only (the last 200 messages)",
          parameters: [{ name: "phone", in: "path", required: true, schema: { type: "string" } }],
          responses: { 200: ok("{messages: [{direction, text, document?, at}]}"), ...failures },
        },
      },
      "/api/v1/handoffs": {
        get: {
          summary: "Questions passed on to the entrepreneur",
          parameters: [{ name: "status", in: "query", schema: { type: "string", enum: ["open", "answered"] } }],
          responses: {
            200: ok("{handoffs: [{number, phone, name, text, status, answer, askedAt, answeredAt}]}"),
            ...failures,
          },
        },
      },
      "/api/v1/handoffs/{number}/answer": {
        post: {
          summary: "Answer a question in the customer's chat",
          parameters: [{ name: "number", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
          requestBody: bodyOf(answerHandoffBody),
          responses: { 200: ok("the handoff, answered"), ...failures },
        },
      },
      "/api/v1/parse": {
        post: {
          summary: "How the bot reads a message, without acting on it",
          requestBody: {
            required: true,
            ...json({ type: "object", required: ["text"], properties: { text: { type: "string" } } }),
          },
          responses: { 200: ok("{intent, items, unknown, clarify, status?, order?}"), ...failures },
        },
      },
      "/healthz": { get: { security: [], summary: "Liveness", responses: { 200: ok("ok") } } },
      "/readyz": {
        get: { security: [], summary: "Readiness (database reachable)", responses: { 200: ok("ready"), 503: error } },
      },
      "/metrics": { get: { security: [], summary: "Prometheus metrics", responses: { 200: { description: "text" } } } },
    },
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
