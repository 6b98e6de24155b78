import { Router } from "express";
import type { CoreContext } from "../app/context.ts";
import { getTranscript } from "../app/get-transcript.ts";
import { parseInput } from "../app/validation.ts";
import { requireEntrepreneur } from "./auth.ts";
import { phoneParam } from "./request-schemas.ts";

/** What the entrepreneur reads about a customer: `GET /api/v1/customers/{phone}/transcript`, the chat, read-only. */
export function customersRouter(context: CoreContext, businessId: number): Router {
  const router = Router();
  router.use("/api/v1/customers", requireEntrepreneur);

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
