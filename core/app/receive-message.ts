import { sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import type { CoreContext } from "./context.ts";
import type { EditableOrder } from "./find-open-order.ts";
import { customerName } from "./validation.ts";

export interface InboundMessageInput {
  businessId: number;
  transport: string;
  /** The message's id at the transport: a redelivery carries the same one. */
  messageId: string;
  phone: string;
  /** The sender's name as the transport gives it, stored on the customer. */
  name?: string | undefined;
  text: string;
  receivedAt: Date;
}

export interface ReceivedMessage {
  inboundId: number;
  /** The dialogue's memory of the phone, opaque to the core, locked until the transaction ends. */
  state: Record<string, unknown>;
  /** The customer's order still open to changes, as the message arrived. */
  editableOrder: EditableOrder | undefined;
  /** The number of the customer's latest order a close sent to the providers and not yet delivered, if any. */
  closedOrderNumber: number | undefined;
}

/**
 * The first step of handling a message, in the caller's transaction, as one statement (sisconf_receive_message in
 * core/db/functions/): records it once per transport id, locks and reads its conversation, registers its sender as a
 * customer and reads its editable order and its latest closed one. Null when that id was already recorded: the caller then does nothing, which makes redeliveries (even
 * simultaneous ones) harmless.
 */
export async function receiveMessage(
  context: CoreContext,
  input: InboundMessageInput,
): Promise<ReceivedMessage | null> {
  const [row] = await selectRows<{
    inbound_id: number;
    conversation_state: Record<string, unknown>;
    editable_order_id: number | null;
    editable_order_number: number | null;
    closed_order_number: number | null;
  }>(
    context.db,
    sql`select * from sisconf_receive_message(${input.businessId}, ${input.transport}, ${input.messageId},
      ${input.phone}, ${customerName(input.name)}, ${input.text.slice(0, 10_000)},
      ${input.receivedAt.toISOString()}::timestamptz, ${context.now().toISOString()}::timestamptz)`,
  );
  if (!row) return null;
  return {
    inboundId: row.inbound_id,
    state: row.conversation_state,
    editableOrder:
      row.editable_order_id === null || row.editable_order_number === null
        ? undefined
        : { id: row.editable_order_id, number: row.editable_order_number },
    closedOrderNumber: row.closed_order_number ?? undefined,
  };
}
