import { z } from "zod";

const pendingOrder = z.object({
  kind: z.literal("order"),
  items: z.array(
    z.object({ sku: z.string(), quantityMilli: z.number().int().positive(), replace: z.boolean().optional() }),
  ),
  at: z.string(),
});
const pendingCancel = z.object({ kind: z.literal("cancel"), orderNumber: z.number().int(), at: z.string() });

/** What the bot remembers of one phone between messages, kept in the database so it survives restarts. */
const conversationSchema = z.object({
  locale: z.enum(["pt-BR", "en"]).optional(),
  /** A summary waiting for "sim": the draft of an order, or a cancellation to confirm. */
  pending: z.discriminatedUnion("kind", [pendingOrder, pendingCancel]).optional(),
});

export type Conversation = z.infer<typeof conversationSchema>;
export type PendingOrder = z.infer<typeof pendingOrder>;

/** Stored state is read defensively: anything unreadable (an older shape) starts a fresh conversation. */
export function readConversation(stored: Record<string, unknown>): Conversation {
  const parsed = conversationSchema.safeParse(stored);
  return parsed.success ? parsed.data : {};
}

/** Drops a pending summary older than the time-to-live; says whether it did. */
export function expirePending(conversation: Conversation, now: Date, ttlMs: number): boolean {
  if (!conversation.pending) return false;
  if (now.getTime() - Date.parse(conversation.pending.at) <= ttlMs) return false;
  delete conversation.pending;
  return true;
}
