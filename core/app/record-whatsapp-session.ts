import { eq } from "drizzle-orm";
import { whatsappSessions } from "../db/schema.ts";
import type { SessionLoss, WhatsappSessionState } from "../domain/whatsapp-session.ts";
import type { CoreContext } from "./context.ts";

/**
 * Records the WhatsApp session as the bot sees it now (its state and its last loss), so that the API, in whatever
 * process it runs, reads it. One session per business: the last write wins.
 */
export async function recordWhatsappSession(
  context: CoreContext,
  input: { businessId: number; state: WhatsappSessionState; loss: SessionLoss | null },
): Promise<void> {
  const now = context.now();
  const values = {
    state: input.state,
    changedAt: now,
    seenAt: now,
    lossAt: input.loss?.at ?? null,
    lossKind: input.loss?.kind ?? null,
    backAt: input.loss?.backAt ?? null,
  };
  await context.db
    .insert(whatsappSessions)
    .values({ businessId: input.businessId, ...values })
    .onConflictDoUpdate({ target: whatsappSessions.businessId, set: values });
}

/** The bot's heartbeat: the session it recorded is still as recorded (see `SESSION_SILENT_AFTER_MS`). */
export async function vouchForWhatsappSession(context: CoreContext, input: { businessId: number }): Promise<void> {
  await context.db
    .update(whatsappSessions)
    .set({ seenAt: context.now() })
    .where(eq(whatsappSessions.businessId, input.businessId));
}
