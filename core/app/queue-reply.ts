import { sql } from "drizzle-orm";
import { type NotificationPayload, priorityOf } from "../db/notification-queries.ts";
import { notifications } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";
import { type ClaimedNotification, SEND_LEASE_MS } from "./send-notifications.ts";

export interface Reply {
  text: string;
  document?: { url: string; filename: string };
}

/**
 * Queues the bot's answers to one inbound message, keyed by it: handling the message again cannot answer twice.
 * They are queued already claimed by the caller, who sends them as soon as its transaction commits
 * (a person is waiting) without asking the outbox for them; should it die first, another sender takes them over
 * once the claim lapses.
 */
export async function queueReplies(
  context: CoreContext,
  input: { businessId: number; phone: string; inboundId: number; replies: readonly Reply[] },
): Promise<ClaimedNotification[]> {
  if (input.replies.length === 0) return [];
  const claimed = await context.db
    .insert(notifications)
    .values(
      input.replies.map((reply, index) => {
        const payload: NotificationPayload = { kind: "reply", ...reply };
        return {
          payload,
          businessId: input.businessId,
          phone: input.phone,
          dedupeKey: `reply:${input.inboundId}:${index}`,
          priority: priorityOf(payload),
          status: "sending",
          attempts: 1,
          claimedUntil: sql`now() + make_interval(secs => ${SEND_LEASE_MS / 1000})`,
        };
      }),
    )
    .returning({
      id: notifications.id,
      phone: notifications.phone,
      attempts: notifications.attempts,
      payload: notifications.payload,
    });
  // In the order they were queued; replies are worded already, so no language is needed.
  return claimed
    .sort((left, right) => left.id - right.id)
    .map((row) => ({ ...row, payload: row.payload as NotificationPayload, locale: null }));
}
