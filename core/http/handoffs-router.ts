import { Router } from "express";
import { answerQuestion } from "../app/answer-question.ts";
import type { CoreContext } from "../app/context.ts";
import type { HandoffView } from "../app/handoff-view.ts";
import { listHandoffs } from "../app/list-handoffs.ts";
import { parseInput } from "../app/validation.ts";
import { principalOf, requireEntrepreneur } from "./auth.ts";
import { answerHandoffBody, handoffNumberParam, listHandoffsQuery } from "./request-schemas.ts";

/**
 * The questions passed on to the entrepreneur: `GET /api/v1/handoffs?status=open|answered` lists them,
 * `POST /api/v1/handoffs/{number}/answer` `{"text"}` answers one in the customer's chat. Entrepreneurs only.
 */
export function handoffsRouter(context: CoreContext, businessId: number): Router {
  const router = Router();
  router.use("/api/v1/handoffs", requireEntrepreneur);

  router.get("/api/v1/handoffs", async (request, response) => {
    const query = parseInput(listHandoffsQuery, request.query);
    const handoffs = await listHandoffs(context, { businessId, status: query.status });
    response.json({ handoffs: handoffs.map(handoffJson) });
  });

  router.post("/api/v1/handoffs/:number/answer", async (request, response) => {
    const number = parseInput(handoffNumberParam, request.params.number, () => "number");
    const body = parseInput(answerHandoffBody, request.body);
    const principal = principalOf(response);
    const handoff = await answerQuestion(context, {
      businessId,
      to: { kind: "handoff", number },
      text: body.text,
      answeredBy: principal.phone ?? principal.subject,
    });
    response.json(handoffJson(handoff));
  });

  return router;
}

export function handoffJson(handoff: HandoffView) {
  return {
    number: handoff.number,
    phone: handoff.phone,
    name: handoff.customerName,
    text: handoff.text,
    status: handoff.status,
    answer: handoff.answer,
    askedAt: handoff.askedAt.toISOString(),
    answeredAt: handoff.answeredAt?.toISOString() ?? null,
  };
}
