/** What a WhatsApp Web session is doing (the bot's SessionSupervisor), as every role reads it. */
export const WHATSAPP_SESSION_STATES = ["starting", "qr", "connected", "reconnecting", "retrying", "stopped"] as const;
export type WhatsappSessionState = (typeof WHATSAPP_SESSION_STATES)[number];

export const SESSION_LOSS_KINDS = ["logged_out", "refused", "dropped"] as const;

/** The platform session was lost: the entrepreneur is told where they will see it. */
export interface SessionLoss {
  at: Date;
  /**
   * `logged_out`: the bot was unlinked on the phone, and `refused`: WhatsApp no longer takes the saved session; both
   * need a new QR code scanned. `dropped`: the connection fell, and comes back by itself.
   */
  kind: (typeof SESSION_LOSS_KINDS)[number];
  /** When the session was up again; null while it is not. */
  backAt: Date | null;
}

/** How often a running bot vouches for the session it recorded (`seen_at`), even when nothing changed. */
export const SESSION_HEARTBEAT_MS = 30_000;
/**
 * A bot not heard from for this long is silent: its process stopped without a word (killed, crashed, its machine
 * gone), and the state it last recorded says nothing about now. Three heartbeats, so one late write is not news.
 */
export const SESSION_SILENT_AFTER_MS = 3 * SESSION_HEARTBEAT_MS;

/** The last loss as `whatsapp_sessions` keeps it (three columns, all null while the session was never lost). */
export function sessionLossOf(row: {
  lossAt: Date | null;
  lossKind: string | null;
  backAt: Date | null;
}): SessionLoss | null {
  if (!row.lossAt || !row.lossKind) return null;
  return { at: row.lossAt, kind: row.lossKind as SessionLoss["kind"], backAt: row.backAt };
}

/** A connection that fell for less than this and came back is not news to the entrepreneur. */
const BRIEF_DROP_MS = 60_000;

/** Whether the entrepreneur is to be told of this loss (in chat, on their next API write). */
export function isLossNews(loss: SessionLoss): boolean {
  return !(loss.kind === "dropped" && loss.backAt && loss.backAt.getTime() - loss.at.getTime() < BRIEF_DROP_MS);
}
