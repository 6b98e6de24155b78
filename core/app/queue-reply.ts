import { queueNotifications } from "../db/notification-queries.ts";
import type { CoreContext } from "./context.ts";

export interface Reply {
  text: string;
  document?: { url: string; filename: string };
}

/**
 * Queues the bot's answers to one inbound message, keyed by it: handling the message again cannot answer twice.
 */
export async function queueReplies(
  context: CoreContext,
  input: { businessId: number; phone: string; inboundId: number; replies: readonly Reply[] },
): Promise<void> {
  if (input.replies.length === 0) return;
  await queueNotifications(
    context.db,
    input.replies.map((reply, index) => ({
      businessId: input.businessId,
      phone: input.phone,
      payload: { kind: "reply", ...reply },
      dedupeKey: `reply:${input.inboundId}:${index}`,
    })),
  );
  context.emit("notifications_queued");
}
