import { and, eq, type SQL, sql } from "drizzle-orm";
import { conversations, customers } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

export interface UnconfirmedListView {
  phone: string;
  name: string | null;
  items: number;
}

/**
 * Whether the conversation `state` holds a drafted list still waiting for "sim": one drafted `pendingTtlMs` ago or
 * less. An older one is gone the moment its customer writes again ("your previous list expired"), so it is neither
 * shown nor reminded of. Drafts carry their time as `toISOString` writes it.
 */
export function waitingList(state: SQL, now: Date, pendingTtlMs: number): SQL {
  return sql`(${state} -> 'pending' ->> 'kind' = 'order'
    and (${state} -> 'pending' ->> 'at')::timestamptz >= ${new Date(now.getTime() - pendingTtlMs).toISOString()}::timestamptz)`;
}

/**
 * The customers with a list drafted and not confirmed ("resumo"): a draft lives in the conversation's state until
 * "sim" places it, so it is read there, at most `limit` of them, the latest first.
 */
export async function listUnconfirmedLists(
  context: CoreContext,
  businessId: number,
  pendingTtlMs: number,
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
        waitingList(sql`${conversations.state}`, context.now(), pendingTtlMs),
        sql`jsonb_typeof(${conversations.state} -> 'pending' -> 'items') = 'array'`,
      ),
    )
    .orderBy(sql`${conversations.updatedAt} desc`)
    .limit(limit);
  return rows;
}
