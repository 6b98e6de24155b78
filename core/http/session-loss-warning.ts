import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { claimSessionLossNotice } from "../app/claim-session-loss-notice.ts";
import type { CoreContext } from "../app/context.ts";
import type { SessionLoss } from "../domain/whatsapp-session.ts";

/** The methods that write: their responses may carry the notice (the OpenAPI document says so for each). */
export const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;
const WRITES = new Set<string>(WRITE_METHODS);

/** Why the session was lost, in the header's words (ASCII: a header is no place for pt-BR's accents). */
const LOSS_WORDS: Record<SessionLoss["kind"], string> = {
  logged_out: "was unlinked on the phone",
  refused: "was refused by WhatsApp (saved session no longer valid)",
  dropped: "lost its connection",
};

/**
 * Tells the entrepreneur of a lost WhatsApp session on their next API write, once per loss (the chat tells it on
 * their next message): a `Warning: 299` header on the response, whatever its status, its body unchanged. Writes,
 * because a client acts on what they answer; reads are polled (the dashboard every few seconds) and would spend the
 * notice where nobody looks. A notice that cannot be claimed (the database is away) waits for the next write.
 */
export function sessionLossWarning(context: CoreContext, businessId: number, logger: Logger): RequestHandler {
  return async (request, response, next) => {
    const principal = response.locals.principal;
    if (!WRITES.has(request.method) || principal?.role !== "entrepreneur") {
      next();
      return;
    }
    try {
      const loss = await claimSessionLossNotice(context, { businessId, subject: principal.subject });
      if (loss) response.set("warning", sessionLossWarningValue(loss));
    } catch (error) {
      logger.warn({ err: error }, "WhatsApp session notice not read; the next write carries it");
    }
    next();
  };
}

/** `299 sisconf "WhatsApp session … at <ISO>; back at <ISO>|not back yet; see GET /api/v1/whatsapp"`. */
export function sessionLossWarningValue(loss: SessionLoss): string {
  const back = loss.backAt ? `back at ${loss.backAt.toISOString()}` : "not back yet, scan the QR code at /whatsapp";
  return `299 sisconf "WhatsApp session ${LOSS_WORDS[loss.kind]} at ${loss.at.toISOString()}; ${back}; see GET /api/v1/whatsapp"`;
}
