import { and, asc, eq } from "drizzle-orm";
import { handoffs } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";
import { type HandoffStatus, type HandoffView, viewOf } from "./handoff-view.ts";

/** The business's handoffs, oldest first; only those with `status` when given. */
export async function listHandoffs(
  context: CoreContext,
  input: { businessId: number; status?: HandoffStatus | undefined; limit?: number | undefined },
): Promise<HandoffView[]> {
  const conditions = [eq(handoffs.businessId, input.businessId)];
  if (input.status) conditions.push(eq(handoffs.status, input.status));
  const rows = await context.db
    .select()
    .from(handoffs)
    .where(and(...conditions))
    .orderBy(asc(handoffs.number))
    .limit(input.limit ?? 1000);
  return rows.map(viewOf);
}
