import { eq } from "drizzle-orm";
import { whatsappSessions } from "../db/schema.ts";
import {
  SESSION_SILENT_AFTER_MS,
  type SessionLoss,
  sessionLossOf,
  type WhatsappSessionState,
} from "../domain/whatsapp-session.ts";
import type { CoreContext } from "./context.ts";

export interface WhatsappSessionView {
  state: WhatsappSessionState;
  /** When the bot recorded this state. */
  since: Date;
  lastLoss: SessionLoss | null;
  /** When the bot last vouched for the state (its heartbeat). */
  seenAt: Date;
  /**
   * Whether the bot has not been heard from for `SESSION_SILENT_AFTER_MS` while the state says it runs: its process
   * stopped without a word, and the state is only the last it knew. A bot that stopped properly says `stopped`.
   */
  silent: boolean;
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
  const state = row.state as WhatsappSessionState;
  return {
    state,
    since: row.changedAt,
    seenAt: row.seenAt,
    silent: state !== "stopped" && context.now().getTime() - row.seenAt.getTime() > SESSION_SILENT_AFTER_MS,
    lastLoss: sessionLossOf(row),
  };
}
