import { and, eq, sql } from "drizzle-orm";
import { conversations, customers } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

export interface UnconfirmedListView {
  phone: string;
  name: string | null;
  items: number;
}

/**
 * The customers with a list drafted and not confirmed ("resumo"): a draft lives in the conversation's state until
 * "sim" places it, so it is read there (`pending.kind` "order"), at most `limit` of them, the latest first.
 */
export async function listUnconfirmedLists(
  context: CoreContext,
  businessId: number,
  limit = 30,
): Promise<UnconfirmedListView[]> {
  const rows = await context.db
    .select({
      phone: conversations.phone,
      name: customers.name,
      items: sql<number>`jsonb_array_length(${conversations.state} -> 'pending' -> 'items')`.mapWith(Number),
    })
    .from(conversations)
    .leftJoin(
      customers,
      and(eq(customers.businessId, conversations.businessId), eq(customers.phone, conversations.phone)),
    )
    .where(
      and(
        eq(conversations.businessId, businessId),
        sql`${conversations.state} -> 'pending' ->> 'kind' = 'order'`,
        sql`jsonb_typeof(${conversations.state} -> 'pending' -> 'items') = 'array'`,
      ),
    )
    .orderBy(sql`${conversations.updatedAt} desc`)
    .limit(limit);
  return rows;
}
