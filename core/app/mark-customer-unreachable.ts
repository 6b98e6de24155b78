import { and, eq } from "drizzle-orm";
import { queueNotifications } from "../db/notification-queries.ts";
import { customers } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

/**
 * WhatsApp said a customer has no WhatsApp (131026): news to them stops until they write again, and the
 * entrepreneur hears of it once per customer (the notice is keyed by the customer), however many messages failed.
 * Answers whether a notice was queued.
 */
export async function markCustomerUnreachable(
  context: CoreContext,
  input: { businessId: number; phone: string; entrepreneurs: readonly string[] },
): Promise<boolean> {
  const [customer] = await context.db
    .update(customers)
    .set({ unreachableAt: context.now() })
    .where(and(eq(customers.businessId, input.businessId), eq(customers.phone, input.phone)))
    .returning({ name: customers.name });
  if (input.entrepreneurs.length === 0) return false;
  await queueNotifications(
    context.db,
    input.entrepreneurs.map((entrepreneur) => ({
      businessId: input.businessId,
      phone: entrepreneur,
      payload: { kind: "recipient_unreachable", phone: input.phone, name: customer?.name ?? null },
      dedupeKey: `unreachable:${input.phone}:${entrepreneur}`,
    })),
  );
  return true;
}
