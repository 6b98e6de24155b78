import { and, eq } from "drizzle-orm";
import { conversations } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

/**
 * The dialogue's memory of one phone, opaque to the core: locked for the rest of the transaction, so two messages
 * of the same phone are answered one after the other.
 */
export async function loadConversationState(
  context: CoreContext,
  businessId: number,
  phone: string,
): Promise<Record<string, unknown>> {
  // An upsert that always updates takes the row lock in the same statement that reads the state.
  const [row] = await context.db
    .insert(conversations)
    .values({ businessId, phone, state: {} })
    .onConflictDoUpdate({ target: [conversations.businessId, conversations.phone], set: { updatedAt: context.now() } })
    .returning({ state: conversations.state });
  return row?.state ?? {};
}

export async function saveConversationState(
  context: CoreContext,
  businessId: number,
  phone: string,
  state: Record<string, unknown>,
): Promise<void> {
  await context.db
    .update(conversations)
    .set({ state, updatedAt: context.now() })
    .where(and(eq(conversations.businessId, businessId), eq(conversations.phone, phone)));
}
