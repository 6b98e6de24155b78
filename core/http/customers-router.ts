import { Router } from "express";
import type { CoreContext } from "../app/context.ts";
import { getTranscript } from "../app/get-transcript.ts";
import { listCustomers } from "../app/list-customers.ts";
import { parseInput } from "../app/validation.ts";
import type { Identity } from "../identity/identity.ts";
import { requireEntrepreneur } from "./auth.ts";
import { listCustomersQuery, phoneParam } from "./request-schemas.ts";
import { customerJson } from "./views.ts";

/** A page of customers when the request names no size: the whole list of a small business. */
const DEFAULT_CUSTOMERS_PAGE = 200;

/**
 * What the entrepreneur reads about customers: `GET /api/v1/customers` (addresses, who said "parar", what each
 * owes, a page at a time) and `GET /api/v1/customers/{phone}/transcript`, the chat, read-only.
 */
export function customersRouter(context: CoreContext, businessId: number, identity: Identity): Router {
  const router = Router();
  router.use("/api/v1/customers", requireEntrepreneur);

  router.get("/api/v1/customers", async (request, response) => {
    const query = parseInput(listCustomersQuery, request.query);
    const page = await listCustomers(context, {
      businessId,
      entrepreneurPhones: await identity.entrepreneurPhones(businessId),
      limit: query.limit ?? DEFAULT_CUSTOMERS_PAGE,
      offset: query.offset ?? 0,
    });
    response.json({ customers: page.customers.map(customerJson), total: page.total });
  });

  router.get("/api/v1/customers/:phone/transcript", async (request, response) => {
    const phone = parseInput(phoneParam, request.params.phone, () => "phone");
    const entries = await getTranscript(context, businessId, phone, 200);
    response.json({
      messages: entries.map((entry) => ({
        direction: entry.direction,
        text: entry.text,
        ...(entry.document ? { document: entry.document } : {}),
        at: entry.at.toISOString(),
      })),
    });
  });

  return router;
}
