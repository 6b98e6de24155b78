import { sql } from "drizzle-orm";
import { type AfterCommit, sendLast } from "../db/database.ts";
import { type NotificationPayload, REPLY_PRIORITY } from "../db/notification-queries.ts";
import type { CoreContext } from "./context.ts";
import { type ClaimedNotification, SEND_LEASE_MS } from "./send-notifications.ts";

export interface Reply {
  text: string;
  document?: { url: string; filename: string };
  /** Quick answers a transport may show as reply buttons; the text says how to answer by typing too. */
  buttons?: string[];
  /** A menu a transport may show as a list after the text (the catalog's categories). */
  choices?: { body: string; button: string; options: string[] };
}

export interface AnswerInput {
  businessId: number;
  phone: string;
  inboundId: number;
  /** The conversation's new state, or null to leave it as it was. */
  state: Record<string, unknown> | null;
  replies: readonly Reply[];
}

/**
 * The last step of handling a message, in the caller's transaction, as one statement (sisconf_answer_message in
 * core/db/functions/): saves the conversation's state and queues the replies keyed by the message, so handling it again
 * cannot answer twice. The replies are queued already claimed by the caller, who sends them as soon as its
 * transaction commits (a person is waiting) without asking the outbox for them; should it die first, another
 * sender takes them over once the claim lapses. It is the transaction's last statement (`sendLast`): the replies
 * claimed are known once it commits.
 */
export async function answerMessage(
  context: CoreContext,
  input: AnswerInput,
): Promise<AfterCommit<ClaimedNotification[]>> {
  const payloads: NotificationPayload[] = input.replies.map((reply) => ({ kind: "reply", ...reply }));
  const answered = await sendLast<{
    notification_id: number;
    notification_payload: NotificationPayload;
    notification_attempts: number;
    notification_claimed_until: Date | string;
  }>(
    context.db,
    sql`select * from sisconf_answer_message(${input.businessId}, ${input.phone}, ${input.inboundId},
      ${input.state === null ? null : JSON.stringify(input.state)}::jsonb, ${JSON.stringify(payloads)}::jsonb,
      ${REPLY_PRIORITY}, ${SEND_LEASE_MS / 1000}, ${context.now().toISOString()}::timestamptz)`,
  );
  // In the order they were queued; replies are worded already, so no language is needed.
  return answered.map((rows) =>
    rows
      .map((row) => ({
        id: row.notification_id,
        phone: input.phone,
        payload: row.notification_payload,
        attempts: row.notification_attempts,
        locale: null,
        claimedUntil: new Date(row.notification_claimed_until),
        // The person wrote just now: the window for free-form answers is open.
        lastInboundAt: context.now(),
        templateRequired: false,
        unreachable: false,
      }))
      .sort((left, right) => left.id - right.id),
  );
}
