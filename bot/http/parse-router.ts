import { Router } from "express";
import { z } from "zod";
import { parseInput } from "../../core/app/validation.ts";
import { PARSE_TEXT_LIMIT } from "../../core/http/request-schemas.ts";
import type { CatalogCache } from "../dialogue/catalog-cache.ts";
import { resolveMoneyAmounts } from "../understand/resolve-money-amounts.ts";
import { toParseResponse, understandMessage } from "../understand/understand-message.ts";

const parseBody = z.object({ text: z.string().max(PARSE_TEXT_LIMIT, `at most ${PARSE_TEXT_LIMIT} characters`) });

/** `POST /api/v1/parse`: how the bot reads a message against the current catalog, without acting on it. */
export function parseRouter(catalog: CatalogCache): Router {
  const router = Router();
  router.post("/api/v1/parse", async (request, response) => {
    const { text } = parseInput(parseBody, request.body);
    const snapshot = await catalog.get();
    // "5 reais de cebolinha" needs the price, which the reader does not hold.
    const understanding = resolveMoneyAmounts(
      understandMessage(text, snapshot.compiled),
      (sku) => snapshot.bySku.get(sku)?.priceCents,
    );
    response.json(toParseResponse(understanding));
  });
  return router;
}
