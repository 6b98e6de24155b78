import { eq } from "drizzle-orm";
import { whatsappSessions } from "../db/schema.ts";
import type { SessionLoss, WhatsappSessionState } from "../domain/whatsapp-session.ts";
import type { CoreContext } from "./context.ts";

export interface WhatsappSessionView {
  state: WhatsappSessionState;
  /** When the bot recorded this state. */
  since: Date;
  lastLoss: SessionLoss | null;
}

/** The WhatsApp Web session as the bot last recorded it; null when no bot ever ran one for this business. */
export async function getWhatsappSession(
  context: CoreContext,
  input: { businessId: number },
): Promise<WhatsappSessionView | null> {
  const [row] = await context.db
    .select()
    .from(whatsappSessions)
    .where(eq(whatsappSessions.businessId, input.businessId));
  if (!row) return null;
  return {
    state: row.state as WhatsappSessionState,
    since: row.changedAt,
    lastLoss:
      row.lossAt && row.lossKind
        ? { at: row.lossAt, kind: row.lossKind as SessionLoss["kind"], backAt: row.backAt }
        : null,
  };
}
