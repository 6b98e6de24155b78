import { AfterCommit, transactionEndingWith } from "../db/database.ts";
import { answerMessage, type Reply } from "./answer-message.ts";
import { type CoreContext, type CoreEvent, withoutOutboxWake } from "./context.ts";
import { type InboundMessageInput, type ReceivedMessage, receiveMessage } from "./receive-message.ts";
import type { ClaimedNotification } from "./send-notifications.ts";

/** What the dialogue answers to a message: the conversation's new state (null leaves it as it was) and the replies. */
export interface DialogueAnswer {
  state: Record<string, unknown> | null;
  replies: readonly Reply[];
}

/**
 * The conversation, as the bot hands it in: answers the message received, through the core's use cases called
 * with `context`, whose database is the message's transaction. It reaches no other system: what it asks of one is
 * recorded (requestRoleChange) and done after the commit.
 */
export type Dialogue = (message: ReceivedMessage, context: CoreContext) => Promise<DialogueAnswer>;

export type MessageOutcome =
  /**
   * `replies` are queued claimed for this process, to send now; `events`, what the message's use cases told (already
   * passed on to the caller's context, but for `notifications_queued`: the caller sends what it queued).
   */
  { kind: "handled"; replies: ClaimedNotification[]; events: CoreEvent[] } | { kind: "duplicate" };

/**
 * Handles one inbound message exactly once, in one transaction: records it by its transport id while locking its
 * conversation, runs `dialogue` on it, saves the new state and queues the replies. A redelivery (even a
 * simultaneous one) finds the id taken and does nothing; a crash before the commit leaves nothing half done. Three
 * statements of its own, the last carrying the commit (`sendLast`): begin, the message, the answer.
 */
export async function handleMessage(
  context: CoreContext,
  message: InboundMessageInput,
  dialogue: Dialogue,
): Promise<MessageOutcome> {
  // Events of the transaction are told only once it committed.
  const written: CoreEvent[] = [];
  const outcome = await transactionEndingWith(context.db, async (tx): Promise<AfterCommit<MessageOutcome>> => {
    const txContext: CoreContext = { db: tx, now: context.now, emit: (event) => written.push(event) };
    const received = await receiveMessage(txContext, message);
    if (!received) return AfterCommit.of({ kind: "duplicate" });
    const answer = await dialogue(received, txContext);
    const answered = await answerMessage(txContext, {
      businessId: message.businessId,
      phone: message.phone,
      inboundId: received.inboundId,
      state: answer.state,
      replies: answer.replies,
    });
    return answered.map((replies) => ({ kind: "handled", replies, events: written }));
  });
  const told = withoutOutboxWake(context);
  for (const event of written) told.emit(event);
  return outcome;
}
