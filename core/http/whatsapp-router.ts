import { Router } from "express";
import type { CoreContext } from "../app/context.ts";
import { getWhatsappSession } from "../app/get-whatsapp-session.ts";
import type { SessionLoss } from "../domain/whatsapp-session.ts";
import { requireEntrepreneur } from "./auth.ts";

/**
 * `GET /api/v1/whatsapp`: the WhatsApp Web session as the bot role last recorded it (its state, since when, its last
 * loss and when it was back), when the bot last vouched for it and whether it went silent; `{"session": null}` where
 * no bot ever ran one. Entrepreneurs only.
 */
export function whatsappRouter(context: CoreContext, businessId: number): Router {
  const router = Router();
  router.use("/api/v1/whatsapp", requireEntrepreneur);

  router.get("/api/v1/whatsapp", async (_request, response) => {
    const session = await getWhatsappSession(context, { businessId });
    response.json({
      session: session && {
        state: session.state,
        since: session.since.toISOString(),
        lastLoss: session.lastLoss && sessionLossJson(session.lastLoss),
        seenAt: session.seenAt.toISOString(),
        silent: session.silent,
      },
    });
  });

  return router;
}

function sessionLossJson(loss: SessionLoss) {
  return { kind: loss.kind, at: loss.at.toISOString(), backAt: loss.backAt?.toISOString() ?? null };
}
