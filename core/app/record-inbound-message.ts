import { and, eq, isNull } from "drizzle-orm";
import { inboundMessages } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

export interface InboundMessageInput {
  businessId: number;
  transport: string;
  /** The message's id at the transport: a redelivery carries the same one. */
  messageId: string;
  phone: string;
  text: string;
  receivedAt: Date;
}

/**
 * Records a message as received, once per transport id. Returns its row id, or null when that id was already
 * recorded: the caller then does nothing, which makes redeliveries (even simultaneous ones) harmless.
 */
export async function recordInboundMessage(context: CoreContext, input: InboundMessageInput): Promise<number | null> {
  const [row] = await context.db
    .insert(inboundMessages)
    .values({ ...input, text: input.text.slice(0, 10_000) })
    .onConflictDoNothing()
    .returning({ id: inboundMessages.id });
  return row?.id ?? null;
}

/** Marks a recorded message as answered; done in the same transaction as the answer's effects. */
export async function markInboundHandled(context: CoreContext, id: number): Promise<void> {
  await context.db.update(inboundMessages).set({ handledAt: context.now() }).where(eq(inboundMessages.id, id));
}

/** Messages recorded but never answered (the process stopped in between), oldest first, to handle after a restart. */
export async function listUnhandledInbound(context: CoreContext, businessId: number, limit = 100) {
  return context.db
    .select()
    .from(inboundMessages)
    .where(and(eq(inboundMessages.businessId, businessId), isNull(inboundMessages.handledAt)))
    .orderBy(inboundMessages.id)
    .limit(limit);
}
