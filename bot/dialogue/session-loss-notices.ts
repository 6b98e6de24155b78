import { isLossNews } from "../../core/domain/whatsapp-session.ts";
import type { SessionLoss } from "../transports/transport.ts";

/**
 * Tells each entrepreneur of a lost WhatsApp session once, before the reply to the next message they write (on
 * WhatsApp once it is back, or through the simulator): the other places they see it are the `/whatsapp` page and
 * the log. Kept in memory: the session is this process's, and so is what was said about it.
 */
export class SessionLossNotices {
  private readonly told = new Map<string, number>();

  constructor(private readonly lastLoss: () => SessionLoss | null) {}

  /** The loss this entrepreneur has not been told of, or null. */
  pending(phone: string): SessionLoss | null {
    const loss = this.lastLoss();
    if (!loss || this.told.get(phone) === loss.at.getTime()) return null;
    return isLossNews(loss) ? loss : null;
  }

  /** The reply that told it was committed: not told again. */
  markTold(phone: string, loss: SessionLoss): void {
    this.told.set(phone, loss.at.getTime());
  }
}
