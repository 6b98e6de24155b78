import { and, eq, lt } from "drizzle-orm";
import { whatsappSessionNotices, whatsappSessions } from "../db/schema.ts";
import { isLossNews, type SessionLoss, sessionLossOf } from "../domain/whatsapp-session.ts";
import type { CoreContext } from "./context.ts";

/**
 * The WhatsApp session loss this API caller has not been told of, marked told: the response that carries it is the
 * only one (two writes at once: one of them gets it). Null when there is none, or it is not news (isLossNews).
 */
export async function claimSessionLossNotice(
  context: CoreContext,
  input: { businessId: number; subject: string },
): Promise<SessionLoss | null> {
  const { businessId, subject } = input;
  const [row] = await context.db
    .select({
      lossAt: whatsappSessions.lossAt,
      lossKind: whatsappSessions.lossKind,
      backAt: whatsappSessions.backAt,
      toldAt: whatsappSessionNotices.lossAt,
    })
    .from(whatsappSessions)
    .leftJoin(
      whatsappSessionNotices,
      and(
        eq(whatsappSessionNotices.businessId, whatsappSessions.businessId),
        eq(whatsappSessionNotices.subject, subject),
      ),
    )
    .where(eq(whatsappSessions.businessId, businessId));
  const loss = row ? sessionLossOf(row) : null;
  if (!loss || !isLossNews(loss)) return null;
  if (row?.toldAt && row.toldAt.getTime() >= loss.at.getTime()) return null;
  const claimed = await context.db
    .insert(whatsappSessionNotices)
    .values({ businessId, subject, lossAt: loss.at })
    .onConflictDoUpdate({
      target: [whatsappSessionNotices.businessId, whatsappSessionNotices.subject],
      set: { lossAt: loss.at },
      setWhere: lt(whatsappSessionNotices.lossAt, loss.at),
    })
    .returning({ lossAt: whatsappSessionNotices.lossAt });
  return claimed.length > 0 ? loss : null;
}
