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
 * Records a message as received and handled, once per transport id: the caller does it in the transaction that
 * carries the answer's effects, so the row exists exactly when the message was handled. Returns its row id, or null
 * when that id was already recorded: the caller then does nothing, which makes redeliveries (even simultaneous ones)
 * harmless.
 */
export async function recordInboundMessage(context: CoreContext, input: InboundMessageInput): Promise<number | null> {
  const [row] = await context.db
    .insert(inboundMessages)
    .values({ ...input, text: input.text.slice(0, 10_000), handledAt: context.now() })
    .onConflictDoNothing()
    .returning({ id: inboundMessages.id });
  return row?.id ?? null;
}
