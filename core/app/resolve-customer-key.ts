import { and, eq, sql } from "drizzle-orm";
import { selectRows } from "../db/database.ts";
import { customers } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

/**
 * The key a sender with a platform id (a Cloud API BSUID, a WhatsApp Web LID) is known by: customers.phone, and every
 * conversation, order and message of theirs. Their phone when it is known, else the platform id. A customer first
 * known by the id who later shows a phone stays the same customer: their rows move to the phone in one transaction.
 * Answers the key.
 */
export async function resolveCustomerKey(
  context: CoreContext,
  input: { businessId: number; platformUserId: string; phone: string | null },
): Promise<string> {
  const { businessId, platformUserId, phone } = input;
  const [known] = await context.db
    .select({ phone: customers.phone })
    .from(customers)
    .where(and(eq(customers.businessId, businessId), eq(customers.platformUserId, platformUserId)));
  // Known already, and nothing new about them: the common case, one read.
  if (known && (phone === null || known.phone !== platformUserId)) return known.phone;
  return context.db.transaction(async (tx) => {
    if (!known) {
      const key = phone ?? platformUserId;
      await tx
        .insert(customers)
        .values({ businessId, phone: key, platformUserId })
        .onConflictDoUpdate({
          target: [customers.businessId, customers.phone],
          set: { platformUserId: sql`coalesce(${customers.platformUserId}, excluded.platform_user_id)` },
        });
      return key;
    }
    // Known by the id only, and now a phone shows.
    const newPhone = phone ?? platformUserId;
    const [taken] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.businessId, businessId), eq(customers.phone, newPhone)));
    if (taken) {
      // The phone is a customer of its own already (it wrote before the ids existed): the id joins that customer
      // from now on; what was ordered under the id alone stays where it is.
      await tx
        .update(customers)
        .set({ platformUserId: null })
        .where(and(eq(customers.businessId, businessId), eq(customers.platformUserId, platformUserId)));
      await tx.update(customers).set({ platformUserId }).where(eq(customers.id, taken.id));
      return newPhone;
    }
    for (const table of ["customers", "conversations", "inbound_messages", "notifications"] as const) {
      await selectRows(
        tx,
        sql`update ${sql.identifier(table)} set phone = ${newPhone}
          where business_id = ${businessId} and phone = ${platformUserId}`,
      );
    }
    return newPhone;
  });
}
