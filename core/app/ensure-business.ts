import { and, desc, eq, sql } from "drizzle-orm";
import { isUniqueViolation } from "../db/postgres-errors.ts";
import { batches, businesses } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

const DEFAULT_BUSINESS_SLUG = "default";

/**
 * Makes sure the business exists and has an open batch, so customers can always order. Safe to call from
 * several processes at once: both inserts are no-ops on conflict.
 */
export async function ensureBusiness(
  context: CoreContext,
  slug: string = DEFAULT_BUSINESS_SLUG,
  name = "SISCONF",
): Promise<number> {
  await context.db.insert(businesses).values({ slug, name }).onConflictDoNothing();
  const [business] = await context.db.select({ id: businesses.id }).from(businesses).where(eq(businesses.slug, slug));
  if (!business) throw new Error(`business ${slug} vanished right after it was created`);
  await createOrderNumberSequence(context, business.id);
  const [open] = await context.db
    .select({ id: batches.id })
    .from(batches)
    .where(and(eq(batches.businessId, business.id), eq(batches.status, "open")));
  if (!open) {
    const [latest] = await context.db
      .select({ number: batches.number })
      .from(batches)
      .where(eq(batches.businessId, business.id))
      .orderBy(desc(batches.number))
      .limit(1);
    await context.db
      .insert(batches)
      .values({ businessId: business.id, number: (latest?.number ?? 0) + 1, status: "open" })
      .onConflictDoNothing();
  }
  return business.id;
}

async function createOrderNumberSequence(context: CoreContext, businessId: number): Promise<void> {
  try {
    await context.db.execute(sql`select sisconf_create_order_numbers(${businessId})`);
  } catch (error) {
    // Two processes creating it at once: one wins, and the sequence exists either way.
    if (!isUniqueViolation(error)) throw error;
  }
}
